using System.Security.Claims;
using Ledger.Common;

namespace Ledger.Api.Infrastructure;

/// <summary>Carries a ledger <see cref="Principal"/> in the request's <see cref="ClaimsPrincipal"/>.</summary>
public static class LedgerClaims
{
    /// <summary>The claim holding a committee or clerk key's community.</summary>
    public const string CommunityClaim = "ledger:community";

    /// <summary>The claim holding a partner key's partner.</summary>
    public const string PartnerClaim = "ledger:partner";

    /// <summary>The role claim's value for <paramref name="role"/>: its name in lower case, as in the API contract.</summary>
    public static string RoleName(Role role) => role.ToString().ToLowerInvariant();

    /// <summary>The claims of <paramref name="principal"/>, authenticated by <paramref name="scheme"/>.</summary>
    public static ClaimsPrincipal ToClaimsPrincipal(Principal principal, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, principal.Id),
            new(ClaimTypes.Name, principal.Label),
            new(ClaimTypes.Role, RoleName(principal.Role)),
        };
        if (principal.CommunityId is { } communityId)
        {
            claims.Add(new Claim(CommunityClaim, communityId));
        }

        if (principal.PartnerId is { } partnerId)
        {
            claims.Add(new Claim(PartnerClaim, partnerId));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The caller as a ledger principal, or null for an anonymous request.</summary>
    public static Principal? ToLedgerPrincipal(this ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true
            || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id
            || !Enum.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), ignoreCase: true, out var role))
        {
            return null;
        }

        return new Principal(id, role, user.FindFirstValue(CommunityClaim), user.FindFirstValue(ClaimTypes.Name) ?? id,
            user.FindFirstValue(PartnerClaim));
    }
}
