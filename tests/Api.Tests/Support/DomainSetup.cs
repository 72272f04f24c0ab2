using Ledger.Common;
using Ledger.Communities.DefinePointsItem;
using Ledger.Households.AwardPoints;
using Ledger.Households.OpenHousehold;
using Ledger.Keys;
using MediatR;

namespace Ledger.Api.Tests.Support;

/// <summary>
/// Seeds a community's history through the domain's own commands as a real committee key would send them, for
/// endpoints whose inputs are written elsewhere (the household endpoints live on another branch).
/// </summary>
public sealed class DomainSetup(LedgerApiFactory api, string communityId, IssuedApiKey committee)
{
    /// <summary>The committee key, for requests over HTTP.</summary>
    public string CommitteeKey => committee.Key!;

    /// <summary>Registers the community with a 10-point item "clean-up", issues a committee key and opens <paramref name="passbooks"/>.</summary>
    public static Task<DomainSetup> CreateAsync(LedgerApiFactory api, string communityId, params string[] passbooks) =>
        CreateInDistrictAsync(api, communityId, "龙湖区", passbooks);

    /// <summary>As <see cref="CreateAsync"/>, in <paramref name="district"/> (district figures sum every community in it).</summary>
    public static async Task<DomainSetup> CreateInDistrictAsync(LedgerApiFactory api, string communityId, string district, params string[] passbooks)
    {
        await api.RegisterCommunityAsync(communityId, district);
        var setup = new DomainSetup(api, communityId, await api.IssueKeyAsync(Role.Committee, communityId, "评议小组"));
        await setup.SendAsync(new DefinePointsItemCommand(communityId, "clean-up", "人居环境整治", "人居环境", 10, null));
        foreach (var passbook in passbooks)
        {
            await setup.SendAsync(new OpenHouseholdCommand(communityId, passbook, $"户主{passbook}", ["配偶"]));
        }

        return setup;
    }

    /// <summary>Awards "clean-up" <paramref name="times"/> times to <paramref name="passbook"/>.</summary>
    public async Task AwardAsync(string passbook, int times = 1, string? member = null)
    {
        for (var i = 0; i < times; i++)
        {
            await SendAsync(new AwardPointsCommand(communityId, passbook, "clean-up", member));
        }
    }

    /// <summary>Sends <paramref name="request"/> as the committee and asserts it succeeded.</summary>
    public Task<T> SendAsync<T>(IRequest<Result<T>> request) =>
        api.SendAsAsync(new Principal(committee.Id, Role.Committee, communityId, committee.Label), committee.Key, request);
}
