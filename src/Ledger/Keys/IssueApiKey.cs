using System.Text.Json;
using FluentValidation;
using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using MediatR;

namespace Ledger.Keys;

/// <summary>Issue an API key (admin only). The key is returned once; only its hash is stored.</summary>
/// <param name="Role">What the key may do (required; nullable so a missing role is a validation error, not <c>admin</c>).</param>
/// <param name="CommunityId">Required for committee, clerk and partner keys, refused for admin and auditor keys.</param>
/// <param name="Label">Who or what holds the key.</param>
/// <param name="PartnerId">Required for a partner key (a partner registered in the community), refused for other roles.</param>
public sealed record IssueApiKey(Role? Role, string? CommunityId, string? Label, string? PartnerId = null) : IRequest<Result<IssuedApiKey>>;

/// <summary>The answer to <see cref="IssueApiKey"/>.</summary>
/// <param name="Id">The principal id the key's events carry (<c>key:</c> and its <paramref name="KeyId"/>).</param>
/// <param name="KeyId">The key's public id, for listing and revoking it (12 hex digits of its hash; never the secret).</param>
/// <param name="Key">The key itself. Null only on a replay that cannot derive it again (no caller secret).</param>
/// <param name="Role">The key's role.</param>
/// <param name="CommunityId">The key's community, if scoped.</param>
/// <param name="Label">The key's label.</param>
/// <param name="PartnerId">The partner a partner key acts for; absent for other roles.</param>
public sealed record IssuedApiKey(string Id, string KeyId, string? Key, Role Role, string? CommunityId, string Label, string? PartnerId = null);

/// <summary>The rules of <see cref="IssueApiKey"/>.</summary>
public sealed class IssueApiKeyValidator : AbstractValidator<IssueApiKey>
{
    public IssueApiKeyValidator()
    {
        RuleFor(c => c.Role).NotNull().IsInEnum();
        RuleFor(c => c.Label)
            .Must(l => LedgerRules.IsText(l, LedgerRules.MaxNameLength))
            .WithMessage($"'Label' must be 1 to {LedgerRules.MaxNameLength} characters.");
        When(c => c.Role is Role.Committee or Role.Clerk or Role.Partner, () =>
            RuleFor(c => c.CommunityId)
                .Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("A committee, clerk or partner key needs a communityId.")
                .Must(LedgerRules.IsId).WithMessage("'Community Id' must be 1 to 64 letters, digits, '-' or '_'."));
        When(c => c.Role is Role.Admin or Role.Auditor, () =>
            RuleFor(c => c.CommunityId)
                .Null().WithMessage("An admin or auditor key acts for every community: give no communityId."));
        When(c => c.Role is Role.Partner, () =>
            RuleFor(c => c.PartnerId)
                .Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("A partner key needs a partnerId.")
                .Must(LedgerRules.IsId).WithMessage("'Partner Id' must be 1 to 64 letters, digits, '-' or '_'."));
        When(c => c.Role is not Role.Partner, () =>
            RuleFor(c => c.PartnerId).Null().WithMessage("Only a partner key names a partnerId."));
    }
}

/// <summary>
/// Issues a key on <see cref="CommandService"/>: the key's stream is new (<c>apikey-{hash}</c>), and the community (and
/// a partner key's partner) must exist. The idempotency record keeps the event, never the key: a retry derives the key
/// again (<see cref="ApiKeyMint"/>) or answers without it.
/// </summary>
public sealed class IssueApiKeyHandler(
    IEventStore store, EventTypeRegistry registry, TimeProvider clock, ICommandContext context, ApiKeyMint mint)
    : IRequestHandler<IssueApiKey, Result<IssuedApiKey>>
{
    /// <inheritdoc />
    public Task<Result<IssuedApiKey>> Handle(IssueApiKey command, CancellationToken cancellationToken) =>
        new CommandService(store, registry, clock, context).RunAsync(new MultiStreamCommand<IssuedApiKey>(async (session, ct) =>
        {
            if (command.CommunityId is { } communityId)
            {
                var community = (await session.LoadAsync(
                    StreamIds.Community(communityId), CommunityState.Initial, CommunityDecider.Evolve, ct)).State;
                if (Refused(community, communityId, command.PartnerId) is { } refused)
                {
                    return refused;
                }
            }

            var key = mint.Mint(context.Idempotency);
            var issued = new ApiKeyIssued(ApiKeys.Hash(key), command.Role!.Value, command.CommunityId, command.Label!, command.PartnerId);
            // A new stream: a key is issued once, whatever races it.
            session.Append(new LoadedStream(ApiKeys.StreamOf(issued.KeyHash), 0, []), [issued]);
            return ToAnswer(issued, key);
        })
        {
            // Asked before anything is read, and before a stored answer is: only an admin sees an issued key again.
            Denied = context.Principal.Role == Role.Admin ? null : LedgerErrors.Forbidden("Only an admin key can issue keys."),
            Stored = new StoredAnswer<IssuedApiKey>(
                answer => JsonSerializer.Serialize(
                    new ApiKeyIssued(ApiKeys.Hash(answer.Key!), answer.Role, answer.CommunityId, answer.Label, answer.PartnerId), LedgerJson.Options),
                Replay),
        }, cancellationToken);

    // The stored response is the event itself (hash, not key): the key is derived again, never read back.
    private Result<IssuedApiKey> Replay(string response)
    {
        var issued = JsonSerializer.Deserialize<ApiKeyIssued>(response, LedgerJson.Options)!;
        var key = mint.IsReproducible(context.Idempotency) ? mint.Mint(context.Idempotency) : null;
        return ToAnswer(issued, key is not null && ApiKeys.Hash(key) == issued.KeyHash ? key : null);
    }

    private static IssuedApiKey ToAnswer(ApiKeyIssued issued, string? key) =>
        new(ApiKeys.PrincipalIdOf(issued.KeyHash), ApiKeys.KeyIdOf(issued.KeyHash), key, issued.Role, issued.CommunityId, issued.Label,
            issued.PartnerId);

    // The community must exist, and a partner key's partner must be registered in it.
    private static LedgerError? Refused(CommunityState community, string communityId, string? partnerId) =>
        !community.Exists ? LedgerErrors.CommunityNotFound(communityId)
            : partnerId is not null && community.Partner(partnerId) is null ? CommunityPartners.NotFound(communityId, partnerId)
            : null;
}
