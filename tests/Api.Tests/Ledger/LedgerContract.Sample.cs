using System.Text.Json;
using Ledger.Api.Tests.Support;

namespace Ledger.Api.Tests.Ledger;

public abstract partial class LedgerContract<TApi>
{
    [Fact]
    public async Task The_sample_http_file_runs_against_the_real_api_and_every_request_answers_as_it_says()
    {
        var file = HttpFile.Load("samples/ledger.http");
        file.Variables["baseUrl"] = "";
        file.Variables["adminKey"] = LedgerApiFactory.AdminKey;
        using var client = Api.CreateClient();
        var answers = new List<(string Title, string Body)>();

        await foreach (var (request, status, body) in file.RunAsync(client))
        {
            Assert.True(request.Expect is not null, $"'{request.Title}' says no '# expect'.");
            Assert.True(request.Expect == status, $"'{request.Title}': expected {request.Expect}, got {status}: {body}");
            answers.Add((request.Title, body));
        }

        Assert.True(file.Requests.Count >= 30, $"Only {file.Requests.Count} requests were read from the sample.");
        var household = JsonDocument.Parse(answers.Single(a => a.Title.StartsWith("The household at the counter")).Body).RootElement;
        Assert.Equal(3, household.GetProperty("balance").GetInt64());
        Assert.Equal(43, household.GetProperty("earned").GetInt64());
        Assert.Equal(35, household.GetProperty("deducted").GetInt64());
        Assert.Equal(5, household.GetProperty("corrected").GetInt64());
        Assert.Equal(1, household.GetProperty("starLevel").GetInt32());
        var community = JsonDocument.Parse(answers[^1].Body).RootElement;
        Assert.Equal(2, community.GetProperty("households").GetInt64());
        Assert.Equal(2, community.GetProperty("participations").GetInt64());
    }
}
