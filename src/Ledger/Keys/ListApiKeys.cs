using System.Data.Common;
using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using MediatR;

namespace Ledger.Keys;

/// <summary><c>GET /api/keys</c> (admin): the issued keys, optionally of one community or one role.</summary>
public sealed record ListApiKeysQuery(string? CommunityId, Role? Role) : IRequest<Result<IReadOnlyList<ApiKeyListing>>>;

/// <summary>One key as the admin sees it: never its secret, never its hash.</summary>
/// <param name="KeyId">The key's public id (12 hex digits), as in the issue answer and <c>POST /api/keys/{keyId}/revoke</c>.</param>
/// <param name="Role">Its role.</param>
/// <param name="CommunityId">Its community, for committee and clerk keys.</param>
/// <param name="PartnerId">Its partner, for partner keys.</param>
/// <param name="Label">Who or what holds it.</param>
/// <param name="IssuedAt">When it was issued.</param>
/// <param name="IssuedBy">The principal that issued it.</param>
/// <param name="RevokedAt">When it was revoked; null while it works.</param>
/// <param name="RevokedReason">Why it was revoked.</param>
public sealed record ApiKeyListing(
    string KeyId, Role Role, string? CommunityId, string? PartnerId, string Label, DateTimeOffset IssuedAt, string IssuedBy,
    DateTimeOffset? RevokedAt, string? RevokedReason);

/// <summary>Input rules of <see cref="ListApiKeysQuery"/>.</summary>
public sealed class ListApiKeysValidator : AbstractValidator<ListApiKeysQuery>
{
    public ListApiKeysValidator() => RuleFor(q => q.CommunityId!).MustBeId().When(q => q.CommunityId is not null);
}

/// <summary>Reads <see cref="KeyListProjection"/>'s table in one snapshot, in the order the keys were issued.</summary>
public sealed class ListApiKeysHandler(IReadModelStore store, ICommandContext context)
    : IRequestHandler<ListApiKeysQuery, Result<IReadOnlyList<ApiKeyListing>>>
{
    public async Task<Result<IReadOnlyList<ApiKeyListing>>> Handle(ListApiKeysQuery query, CancellationToken cancellationToken)
    {
        if (context.Principal.Role != Role.Admin)
        {
            return LedgerErrors.Forbidden("Only an admin key can list keys.");
        }

        await using var transaction = await store.BeginReadModelQueryAsync(cancellationToken);
        await using var command = transaction.CreateCommand(
            "SELECT k.key_id, k.role, k.community_id, k.label, k.issued_at, k.issued_by, k.revoked_at, k.revoked_reason, p.partner_id FROM "
            + KeyListProjection.Table + " k LEFT JOIN " + KeyListProjection.PartnersTable + " p ON p.key_hash = k.key_hash"
            // Filters are added only when given: PostgreSQL cannot type a parameter that is only ever compared with NULL.
            + " WHERE k.key_id IS NOT NULL"
            + (query.CommunityId is null ? "" : " AND k.community_id = @community")
            + (query.Role is null ? "" : " AND k.role = @role")
            + " ORDER BY k.issued_position",
            ("@community", query.CommunityId), ("@role", query.Role?.ToString().ToLowerInvariant()));
        var keys = new List<ApiKeyListing>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new ApiKeyListing(
                reader.GetString(0), Enum.Parse<Role>(reader.GetString(1), ignoreCase: true), Text(reader, 2), Text(reader, 8), reader.GetString(3),
                DateTimeOffset.Parse(reader.GetString(4), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(5),
                Text(reader, 6) is { } revokedAt ? DateTimeOffset.Parse(revokedAt, System.Globalization.CultureInfo.InvariantCulture) : null,
                Text(reader, 7)));
        }

        return keys;
    }

    private static string? Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
}
