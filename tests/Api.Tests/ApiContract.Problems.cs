using System.Net;
using System.Text;
using Ledger.Api.Tests.Support;
using Ledger.Common;

namespace Ledger.Api.Tests;

public abstract partial class ApiContract<TApi>
{
    [Theory]
    [InlineData("""{"role":""", "malformed JSON")]
    [InlineData("""{"role":"auditor","label":42}""", "a number where text belongs")]
    [InlineData("""{"role":"emperor","label":"x"}""", "a role that does not exist")]
    [InlineData("""["role","auditor"]""", "an array where an object belongs")]
    [InlineData("null", "a null body")]
    [InlineData("", "an empty body")]
    public async Task A_body_that_cannot_be_read_is_a_400_malformed_request_problem_not_a_500(string body, string what)
    {
        using var admin = Api.CreateAdminClient();
        var before = await Api.HeadAsync();

        using var response = await admin.PostRawJsonAsync("/api/keys", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.MalformedRequest);
        Assert.DoesNotContain("Ledger.", problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.Equal(before, await Api.HeadAsync());
        _ = what;
    }

    [Fact]
    public async Task A_request_with_no_body_at_all_is_a_400_malformed_request_problem()
    {
        using var admin = Api.CreateAdminClient();

        using var response = await admin.PostAsync("/api/keys", content: null);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, ProblemTypes.MalformedRequest);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        using var admin = Api.CreateAdminClient();

        using var response = await admin.PostAsync("/api/keys", new StringContent("role=auditor", Encoding.UTF8, "text/plain"));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, ProblemTypes.UnsupportedMediaType);
    }
}
