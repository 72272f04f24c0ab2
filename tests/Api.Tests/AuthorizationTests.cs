using Ledger.Api.Infrastructure;
using Ledger.Api.Tests.Support;
using Ledger.Common;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Api.Tests;

/// <summary>The role and community checks, run by the API's own authorization service against a request's route.</summary>
public sealed class AuthorizationTests(SqliteApi api) : IClassFixture<SqliteApi>
{
    private static readonly AuthorizationPolicy CommunityScope =
        new AuthorizationPolicyBuilder().AddRequirements(new CommunityScopeRequirement("cid")).Build();

    private async Task<AuthorizationResult> AuthorizeAsync(Principal principal, AuthorizationPolicy policy, string? routeCommunity = null)
    {
        var http = new DefaultHttpContext { RequestServices = api.Services };
        if (routeCommunity is not null)
        {
            http.Request.RouteValues = new RouteValueDictionary { ["cid"] = routeCommunity };
        }

        var user = LedgerClaims.ToClaimsPrincipal(principal, ApiKeyAuthenticationHandler.SchemeName);
        return await api.Services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(user, http, policy);
    }

    private static Principal Key(Role role, string? communityId = null) => new($"key:{role}", role, communityId, "test");

    [Theory]
    [InlineData(Role.Committee, "c-a")]
    [InlineData(Role.Clerk, "c-a")]
    [InlineData(Role.Admin, null)]
    [InlineData(Role.Auditor, null)]
    public async Task A_key_reaches_its_own_community_and_admin_and_auditor_keys_reach_every_one(Role role, string? communityId)
    {
        var result = await AuthorizeAsync(Key(role, communityId), CommunityScope, routeCommunity: "c-a");

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData(Role.Committee)]
    [InlineData(Role.Clerk)]
    public async Task A_key_of_community_a_is_refused_on_community_b_and_told_why(Role role)
    {
        var result = await AuthorizeAsync(Key(role, "c-a"), CommunityScope, routeCommunity: "c-b");

        Assert.False(result.Succeeded);
        var reason = Assert.Single(result.Failure!.FailureReasons);
        Assert.Contains("'c-a', not 'c-b'", reason.Message);
    }

    [Fact]
    public async Task A_community_scoped_route_without_its_route_value_refuses_community_keys()
    {
        var result = await AuthorizeAsync(Key(Role.Committee, "c-a"), CommunityScope);

        Assert.False(result.Succeeded);
    }

    [Theory]
    [InlineData(Role.Admin, LedgerAuthorization.Policies.Admin, true)]
    [InlineData(Role.Committee, LedgerAuthorization.Policies.Committee, true)]
    [InlineData(Role.Clerk, LedgerAuthorization.Policies.Clerk, true)]
    [InlineData(Role.Auditor, LedgerAuthorization.Policies.Auditor, true)]
    [InlineData(Role.Committee, LedgerAuthorization.Policies.Admin, false)]
    [InlineData(Role.Admin, LedgerAuthorization.Policies.Clerk, false)]
    [InlineData(Role.Auditor, LedgerAuthorization.Policies.Committee, false)]
    public async Task Each_role_policy_admits_its_role_only(Role role, string policyName, bool admitted)
    {
        var policy = (await api.Services.GetRequiredService<IAuthorizationPolicyProvider>().GetPolicyAsync(policyName))!;

        var result = await AuthorizeAsync(Key(role, role is Role.Committee or Role.Clerk ? "c-a" : null), policy);

        Assert.Equal(admitted, result.Succeeded);
    }

    [Fact]
    public async Task A_policy_of_several_roles_admits_each_of_them()
    {
        var policy = new AuthorizationPolicyBuilder().AddRequirements(new LedgerRoleRequirement([Role.Clerk, Role.Committee])).Build();

        Assert.True((await AuthorizeAsync(Key(Role.Clerk, "c-a"), policy)).Succeeded);
        Assert.True((await AuthorizeAsync(Key(Role.Committee, "c-a"), policy)).Succeeded);
        Assert.False((await AuthorizeAsync(Key(Role.Auditor), policy)).Succeeded);
    }
}
