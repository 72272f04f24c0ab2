using System.Net;
using Ledger.Api.Tests.Support;
using Ledger.Common;
using Ledger.EventStore;

namespace Ledger.Api.Tests;

/// <summary>What clients see when the server or the store fails: problems that say what to do and leak nothing.</summary>
public sealed class FaultTests : FaultyStoreHost
{
    [Fact]
    public async Task An_unhandled_exception_is_a_500_internal_error_problem_that_leaks_no_internals()
    {
        Store.ReadFault = new InvalidOperationException("connection to db-secret-host:5432 failed");
        Store.ReadFaultPrefix = "apikey-";
        using var client = Api.CreateClient("lgr_some-key-the-cache-has-never-seen");

        using var response = await client.PostRawJsonAsync("/api/keys", """{"role":"auditor","label":"x"}""");

        var problem = await response.AssertProblemAsync(HttpStatusCode.InternalServerError, ProblemTypes.InternalError);
        var body = problem.GetRawText();
        Assert.DoesNotContain("db-secret-host", body);
        Assert.DoesNotContain("InvalidOperationException", body);
        Assert.DoesNotContain(" at ", body);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("correlationId").GetString()));
    }

    [Fact]
    public async Task A_concurrency_conflict_that_escapes_the_handler_is_a_409_problem()
    {
        Store.AppendFault = new ConcurrencyException("apikey-x", ExpectedVersion.NoStream, 1);
        using var admin = Api.CreateAdminClient();

        using var response = await admin.PostRawJsonAsync("/api/keys", """{"role":"auditor","label":"x"}""");

        await response.AssertProblemAsync(HttpStatusCode.Conflict, ProblemTypes.ConcurrencyConflict);
    }

    [Fact]
    public async Task Health_is_a_503_problem_when_the_store_cannot_be_read()
    {
        Store.HeadFault = new TimeoutException("the store did not answer");
        using var client = Api.CreateClient(apiKey: null);

        using var response = await client.GetAsync("/health");

        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, ProblemTypes.StoreUnavailable);
        Assert.Equal("unavailable", problem.GetProperty("health").GetString());
        Assert.Equal("sqlite", problem.GetProperty("store").GetString());
    }
}
