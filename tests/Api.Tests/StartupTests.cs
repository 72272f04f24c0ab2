using System.Net;
using Ledger.Api.Infrastructure;
using Ledger.Api.Tests.Support;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.Keys;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task A_host_without_a_configured_admin_key_prints_one_that_works_and_a_restart_prints_none()
    {
        var first = new SqliteApi { Settings = { ["Ledger:AdminKey"] = "" } };
        await first.InitializeAsync();
        first.CreateClient(apiKey: null).Dispose();
        var line = first.OperatorOutput.ToString().Trim();
        var file = ((SqliteBackend)first.Backend).FilePath;
        await first.DisposeAsync(); // stops the host and closes the file; the backend's folder stays for the restart

        var second = new SqliteApi { Settings = { ["Ledger:AdminKey"] = "", ["Ledger:SqlitePath"] = file } };
        await second.InitializeAsync();
        try
        {
            Assert.StartsWith(AdminKeyBootstrap.ShownOncePrefix, line);
            using var admin = second.CreateClient(line[AdminKeyBootstrap.ShownOncePrefix.Length..]);
            using var response = await admin.PostRawJsonAsync("/api/keys", """{"role":"auditor","label":"after restart"}""");

            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.Equal("", second.OperatorOutput.ToString());
        }
        finally
        {
            await ((IAsyncLifetime)second).DisposeAsync();
            await ((IAsyncLifetime)first).DisposeAsync();
        }
    }

    [Theory]
    [InlineData("mongo", null)]
    [InlineData("postgres", null)]
    [InlineData("postgres", "this is = not ; a = connection = string = at all")]
    public async Task A_store_that_cannot_be_opened_ends_the_program_with_one_line_and_exit_code_1(string store, string? connectionString)
    {
        var args = new List<string> { $"--Ledger:Store={store}", "--urls=http://127.0.0.1:0" };
        if (connectionString is not null)
        {
            args.Add($"--ConnectionStrings:Ledger={connectionString}");
        }

        var builder = WebApplication.CreateBuilder([.. args]);
        builder.AddLedgerApi();
        await using var app = builder.Build();
        app.UseLedgerApi();
        var error = new StringWriter();

        var exitCode = await app.RunLedgerAsync(error);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("The ledger cannot start: ", line);
        Assert.DoesNotContain(" at ", line);
    }

    [Fact]
    public async Task Every_request_handler_of_the_ledger_resolves_from_the_api_container()
    {
        await using var api = new SqliteApi();
        await api.InitializeAsync();
        using var scope = api.Services.CreateScope();
        var handlerContracts = MediatorComposition.LedgerAssemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false })
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>))
            .ToList();

        Assert.Contains(typeof(IRequestHandler<IssueApiKey, Result<IssuedApiKey>>), handlerContracts);
        Assert.All(handlerContracts, contract => Assert.NotNull(scope.ServiceProvider.GetService(contract)));
        Assert.NotNull(scope.ServiceProvider.GetService<IMediator>());
    }
}
