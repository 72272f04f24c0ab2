using Ledger.Api.Endpoints;
using Ledger.Api.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddLedgerApi();

var app = builder.Build();
app.UseLedgerApi();
app.MapSystemEndpoints();
app.MapKeysEndpoints();
app.MapLeaderboardEndpoints();
app.MapHonorRollEndpoints();

return await app.RunLedgerAsync();

/// <summary>The API's entry point; public so integration tests can host it.</summary>
public partial class Program;
