using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using MediatR;

namespace Ledger.Keys;

/// <summary><c>POST /api/keys/{keyId}/revoke</c> (admin): the key authenticates nothing from its next request on.</summary>
/// <param name="KeyId">The key's public id.</param>
/// <param name="Reason">Why (kept in the event).</param>
public sealed record RevokeApiKey(string KeyId, string? Reason) : IRequest<Result<RevokedApiKey>>;

/// <summary>The answer to <see cref="RevokeApiKey"/>.</summary>
public sealed record RevokedApiKey(string KeyId, string Reason, DateTimeOffset RevokedAt);

/// <summary>Input rules of <see cref="RevokeApiKey"/>.</summary>
public sealed class RevokeApiKeyValidator : AbstractValidator<RevokeApiKey>
{
    public RevokeApiKeyValidator()
    {
        RuleFor(c => c.KeyId).Must(ApiKeys.IsKeyId).WithMessage("'keyId' is the 12 hex digits a key is listed by.");
        RuleFor(c => c.Reason!).MustBeText();
    }
}

/// <summary>A key's stream folded for a revocation: is it there, and was it revoked already.</summary>
public sealed record ApiKeyState(string? KeyHash, bool Revoked)
{
    public static ApiKeyState Initial { get; } = new(null, false);

    public static ApiKeyState Evolve(ApiKeyState state, EventEnvelope e) => e.Data switch
    {
        ApiKeyIssued issued => state with { KeyHash = issued.KeyHash },
        ApiKeyRevoked => state with { Revoked = true },
        _ => state,
    };

    /// <summary>Revoke, unless the key is unknown (404) or already revoked (409 <c>key-already-revoked</c>).</summary>
    public static Result<IReadOnlyList<IApiKeyEvent>> Decide(RevokeApiKey command, ApiKeyState state)
    {
        if (state.KeyHash is null)
        {
            return ApiKeyErrors.NotFound(command.KeyId);
        }

        return state.Revoked ? ApiKeyErrors.AlreadyRevoked(command.KeyId) : new IApiKeyEvent[] { new ApiKeyRevoked(state.KeyHash, command.Reason!) };
    }
}

/// <summary>
/// Finds the key's stream through the keys' read model, then decides on the stream itself. The configured or
/// generated admin key is not an issued key, so it has no key id and cannot be revoked here (404).
/// </summary>
public sealed class RevokeApiKeyHandler(IEventStore store, IReadModelStore readModels, EventTypeRegistry registry, TimeProvider clock, ICommandContext context)
    : IRequestHandler<RevokeApiKey, Result<RevokedApiKey>>
{
    public async Task<Result<RevokedApiKey>> Handle(RevokeApiKey command, CancellationToken cancellationToken)
    {
        if (context.Principal.Role != Role.Admin)
        {
            return LedgerErrors.Forbidden("Only an admin key can revoke keys.");
        }

        if (await FindHashAsync(command.KeyId, cancellationToken) is not { } keyHash)
        {
            return ApiKeyErrors.NotFound(command.KeyId);
        }

        return await new CommandService(store, registry, clock, context).RunAsync(new MultiStreamCommand<RevokedApiKey>(async (session, ct) =>
        {
            var key = await session.LoadAsync(ApiKeys.StreamOf(keyHash), ApiKeyState.Initial, ApiKeyState.Evolve, ct);
            var decided = ApiKeyState.Decide(command, key.State);
            if (!decided.IsSuccess)
            {
                return decided.Error;
            }

            session.Append(key, decided.Value);
            return new RevokedApiKey(command.KeyId, command.Reason!, session.Now);
        }), cancellationToken);
    }

    private async Task<string?> FindHashAsync(string keyId, CancellationToken cancellationToken)
    {
        await using var transaction = await readModels.BeginReadModelQueryAsync(cancellationToken);
        await using var command = transaction.CreateCommand(
            $"SELECT key_hash FROM {KeyListProjection.Table} WHERE key_id = @id", ("@id", keyId));
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }
}

/// <summary>The problems of the key endpoints.</summary>
public static class ApiKeyErrors
{
    /// <summary>404: no issued key has this id (the admin key of the configuration has none).</summary>
    public static LedgerError NotFound(string keyId) =>
        new("key-not-found", ErrorKind.NotFound, "Key not found", $"No issued key has the id '{keyId}'.");

    /// <summary>409: the key was revoked before.</summary>
    public static LedgerError AlreadyRevoked(string keyId) =>
        new("key-already-revoked", ErrorKind.Conflict, "Key already revoked", $"The key '{keyId}' was revoked before.");
}
