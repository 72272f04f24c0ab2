using Ledger.Api.Infrastructure;
using Ledger.Common;

namespace Ledger.Api.Endpoints;

/// <summary><c>GET /api/me</c>: who the sent key belongs to, so a page can find its community and check its role.</summary>
public static class CallerEndpoints
{
    /// <summary>Maps the caller endpoint.</summary>
    public static IEndpointRouteBuilder MapCallerEndpoints(this IEndpointRouteBuilder app)
    {
        // Any valid key may ask about itself (the fallback policy refuses no key or an unknown one with 401).
        app.MapGet("/api/me", (HttpContext http) => http.User.ToLedgerPrincipal() is { } caller
                ? Results.Ok(new CallerResponse(caller.Id, caller.Role, caller.CommunityId, caller.Label, caller.PartnerId))
                : Results.Unauthorized())
            .WithTags("Keys")
            .WithSummary("The caller: the key's principal id, role, community and label")
            .WithDescription("Any valid key may ask who it is. Pages use it after sign-in to check the role (the counter "
                + "takes clerk keys only) and to find the community a clerk or committee key acts for. The key itself is never echoed.")
            .Produces<CallerResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }
}

/// <summary>The answer of <c>GET /api/me</c>. The key itself is never echoed.</summary>
/// <param name="Id">The principal id recorded in the events this key causes (<c>admin</c>, <c>key:</c> and 12 hex digits).</param>
/// <param name="Role">The key's role.</param>
/// <param name="CommunityId">The community a committee or clerk key acts for; absent for admin and auditor keys.</param>
/// <param name="Label">The label given when the key was issued.</param>
/// <param name="PartnerId">The partner a partner key acts for; absent for other keys.</param>
public sealed record CallerResponse(string Id, Role Role, string? CommunityId, string Label, string? PartnerId = null);
