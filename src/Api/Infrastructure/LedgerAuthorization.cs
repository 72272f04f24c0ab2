using Ledger.Common;
using Microsoft.AspNetCore.Authorization;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// Who may call an endpoint. Every endpoint needs a key unless it says <c>AllowAnonymous()</c> (the fallback policy);
/// <see cref="RequireRoles{TBuilder}"/> narrows it to roles, <see cref="RequireCommunityScope{TBuilder}"/> to the
/// key's own community. A failure is a 401 <c>unauthorized</c> or 403 <c>forbidden</c> problem.
/// </summary>
public static class LedgerAuthorization
{
    /// <summary>Named policies, one per role, for <c>RequireAuthorization("admin")</c>.</summary>
    public static class Policies
    {
        /// <summary>Admin keys only.</summary>
        public const string Admin = "admin";

        /// <summary>Committee keys only.</summary>
        public const string Committee = "committee";

        /// <summary>Clerk keys only.</summary>
        public const string Clerk = "clerk";

        /// <summary>Auditor keys only.</summary>
        public const string Auditor = "auditor";
    }

    /// <summary>Registers authentication by API key and the ledger's policies.</summary>
    public static IServiceCollection AddLedgerAuthorization(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(
                ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Admin, p => p.AddRequirements(new LedgerRoleRequirement([Role.Admin])))
            .AddPolicy(Policies.Committee, p => p.AddRequirements(new LedgerRoleRequirement([Role.Committee])))
            .AddPolicy(Policies.Clerk, p => p.AddRequirements(new LedgerRoleRequirement([Role.Clerk])))
            .AddPolicy(Policies.Auditor, p => p.AddRequirements(new LedgerRoleRequirement([Role.Auditor])));
        services.AddSingleton<IAuthorizationHandler, CommunityScopeHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        return services;
    }

    /// <summary>Only keys of one of <paramref name="roles"/> may call the endpoint (or group).</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params Role[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(p => p.AddRequirements(new LedgerRoleRequirement(roles)));

    /// <summary>
    /// A committee or clerk key may only reach its own community: the route value <paramref name="routeParameter"/>
    /// must be the key's community (admin and auditor keys reach every community). Checked before the body is read.
    /// </summary>
    public static TBuilder RequireCommunityScope<TBuilder>(this TBuilder builder, string routeParameter = "cid")
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(p => p.AddRequirements(new CommunityScopeRequirement(routeParameter)));
}

/// <summary>The caller's role must be one of <see cref="Roles"/>.</summary>
public sealed class LedgerRoleRequirement(IReadOnlyList<Role> roles)
    : AuthorizationHandler<LedgerRoleRequirement>, IAuthorizationRequirement
{
    /// <summary>The roles allowed.</summary>
    public IReadOnlyList<Role> Roles { get; } = roles;

    /// <inheritdoc />
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, LedgerRoleRequirement requirement)
    {
        var principal = context.User.ToLedgerPrincipal();
        if (principal is not null && requirement.Roles.Contains(principal.Role))
        {
            context.Succeed(requirement);
        }
        else if (principal is not null)
        {
            context.Fail(new AuthorizationFailureReason(this,
                $"A {LedgerClaims.RoleName(principal.Role)} key may not make this request; it needs a "
                + string.Join(" or ", requirement.Roles.Select(LedgerClaims.RoleName)) + " key."));
        }

        return Task.CompletedTask;
    }
}

/// <summary>The route value <see cref="RouteParameter"/> must be a community the caller may reach.</summary>
public sealed record CommunityScopeRequirement(string RouteParameter) : IAuthorizationRequirement;

/// <summary>Checks <see cref="CommunityScopeRequirement"/> against the request's route values.</summary>
internal sealed class CommunityScopeHandler : AuthorizationHandler<CommunityScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CommunityScopeRequirement requirement)
    {
        var principal = context.User.ToLedgerPrincipal();
        var communityId = (context.Resource as HttpContext)?.GetRouteValue(requirement.RouteParameter) as string;
        if (principal is null)
        {
            return Task.CompletedTask;
        }

        if (communityId is not null && principal.CanRead(communityId))
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new AuthorizationFailureReason(this,
                $"This key acts for community '{principal.CommunityId}', not '{communityId}'."));
        }

        return Task.CompletedTask;
    }
}
