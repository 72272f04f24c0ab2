using System.Diagnostics;

namespace Ledger.Operations.Tests.Failover;

/// <summary>One Patroni node: its Patroni process (as postgres) and the PostgreSQL server Patroni runs.</summary>
public sealed class Node
{
    private static readonly HttpClient Rest = new() { Timeout = TimeSpan.FromSeconds(1) };
    private readonly Process _patroni;

    private Node(string name, string folder, int postgresPort, int restPort, Process patroni) =>
        (Name, Folder, PostgresPort, RestPort, _patroni) = (name, folder, postgresPort, restPort, patroni);

    public string Name { get; }

    public string Folder { get; }

    public int PostgresPort { get; }

    public int RestPort { get; }

    /// <summary>True once <see cref="Kill"/> ran.</summary>
    public bool Killed { get; private set; }

    internal static Node Start(string clusterFolder, string name, string bin, int etcdPort)
    {
        var folder = Path.Combine(clusterFolder, name);
        Directory.CreateDirectory(folder);
        var postgresPort = Support.ApiProcess.FreePort();
        var restPort = Support.ApiProcess.FreePort();
        var config = Path.Combine(folder, "patroni.yml");
        File.WriteAllText(config, $$"""
            scope: ledger-drill
            name: {{name}}
            restapi:
              listen: 127.0.0.1:{{restPort}}
              connect_address: 127.0.0.1:{{restPort}}
            etcd3:
              hosts: 127.0.0.1:{{etcdPort}}
            bootstrap:
              dcs:
                ttl: 10
                loop_wait: 1
                retry_timeout: 3
                synchronous_mode: true
                postgresql:
                  use_pg_rewind: false
                  parameters:
                    max_connections: 200
                    wal_level: replica
                    hot_standby: "on"
                    max_wal_senders: 10
                    max_replication_slots: 10
              initdb:
                - encoding: UTF8
                - locale: C.UTF-8
            postgresql:
              listen: 127.0.0.1:{{postgresPort}}
              connect_address: 127.0.0.1:{{postgresPort}}
              data_dir: {{Path.Combine(folder, "data")}}
              bin_dir: {{bin}}
              pgpass: {{Path.Combine(folder, "pgpass")}}
              authentication:
                superuser: { username: postgres, password: drill }
                replication: { username: replicator, password: drill }
              parameters:
                unix_socket_directories: '{{folder}}'
              pg_hba:
                - local all all trust
                - host all all 127.0.0.1/32 trust
                - host replication replicator 127.0.0.1/32 trust
            """);
        PatroniCluster.Run("chown", "-R", "postgres:postgres", folder);
        var patroni = PatroniCluster.StartProcess("/usr/bin/patroni", folder, asPostgres: true, config);
        return new Node(name, folder, postgresPort, restPort, patroni);
    }

    /// <summary>True when Patroni's REST API answers 200 on <paramref name="path"/> (<c>/primary</c>, <c>/synchronous</c>).</summary>
    public async Task<bool> AnswersAsync(string path)
    {
        try
        {
            using var response = await Rest.GetAsync($"http://127.0.0.1:{RestPort}{path}");
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// The node dies at once, as when its machine loses power: SIGKILL to Patroni (so nothing restarts PostgreSQL
    /// here) and to the PostgreSQL server with every backend.
    /// </summary>
    public void Kill()
    {
        Killed = true;
        // The server first, with one system call: walking process trees takes a while on a loaded machine, and the
        // primary would go on committing meanwhile. Its backends notice the postmaster's death and exit.
        if (ReadPostmasterPid() is { } postmaster)
        {
            Support.Posix.Signal(postmaster, Support.Posix.SigKill);
        }

        if (!_patroni.HasExited)
        {
            _patroni.Kill(entireProcessTree: true);
        }
    }

    private int? ReadPostmasterPid()
    {
        var file = Path.Combine(Folder, "data", "postmaster.pid");
        return File.Exists(file) && int.TryParse(File.ReadLines(file).FirstOrDefault(), out var pid) ? pid : null;
    }
}
