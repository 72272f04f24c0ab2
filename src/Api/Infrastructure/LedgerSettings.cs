namespace Ledger.Api.Infrastructure;

/// <summary>The <c>Ledger</c> configuration section. Every setting has a default, so nothing must be configured.</summary>
public sealed class LedgerSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ledger";

    /// <summary>The connection string name used when <see cref="Store"/> is <c>postgres</c>.</summary>
    public const string ConnectionStringName = "Ledger";

    /// <summary><c>sqlite</c> (embedded, the default) or <c>postgres</c>.</summary>
    public string Store { get; set; } = "sqlite";

    /// <summary>The SQLite file; relative paths are taken from the content root (the current directory).</summary>
    public string SqlitePath { get; set; } = "data/ledger.db";

    /// <summary>The admin key. When empty, one is generated on first start and printed once.</summary>
    public string? AdminKey { get; set; }
}
