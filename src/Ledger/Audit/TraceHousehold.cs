using FluentValidation;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.Households.GetStatement;
using Ledger.Keys;
using MediatR;

namespace Ledger.Audit;

/// <summary>
/// <c>GET /api/audit/households/{passbook}/trace</c> (auditor): every entry of a household's passbook traced to the
/// points item and its version or the activity, the member, who recorded it (key id and label) and when, and the
/// event's place and hash in the ledger, so each can be checked against the event feed.
/// </summary>
public sealed record TraceHouseholdQuery(string Passbook) : IRequest<Result<HouseholdTrace>>;

/// <summary>A household's traced entries, oldest first.</summary>
public sealed record HouseholdTrace(string Passbook, string CommunityId, string HeadName, long Balance, IReadOnlyList<TracedEntry> Entries);

/// <summary>One entry of the passbook and where it came from.</summary>
/// <param name="EventId">The event's id.</param>
/// <param name="Position">Its global position.</param>
/// <param name="StreamVersion">Its place in the household's stream.</param>
/// <param name="Hash">The event's chained hash, as the export and the feed show it.</param>
/// <param name="Kind">award, deduction, activity-award, correction, redemption, refund or star-level.</param>
/// <param name="Points">The change to the balance (negative for spending, deductions and reversed awards).</param>
/// <param name="RunningBalance">The balance after it.</param>
/// <param name="RuleId">The points item, for awards and deductions.</param>
/// <param name="RuleVersion">The item's version applied.</param>
/// <param name="ActivityId">The activity, for participation awards.</param>
/// <param name="CorrectedEventId">The entry a correction reverses.</param>
/// <param name="Description">The statement's wording of the entry.</param>
/// <param name="Member">Who in the household earned or spent.</param>
/// <param name="RecordedBy">The principal that recorded it (<c>key:</c> and the key id).</param>
/// <param name="RecordedByLabel">That key's label, when it is an issued key.</param>
/// <param name="RecordedAt">When it was recorded.</param>
/// <param name="OccurredOn">The day it counts for.</param>
/// <param name="Note">The note recorded with it.</param>
public sealed record TracedEntry(
    Guid EventId, long Position, long StreamVersion, string Hash, StatementLineKind Kind, long Points, long RunningBalance,
    string? RuleId, int? RuleVersion, string? ActivityId, Guid? CorrectedEventId, string Description, string Member,
    string RecordedBy, string? RecordedByLabel, DateTimeOffset RecordedAt, DateOnly OccurredOn, string? Note);

/// <summary>Input rules of <see cref="TraceHouseholdQuery"/>.</summary>
public sealed class TraceHouseholdValidator : AbstractValidator<TraceHouseholdQuery>
{
    public TraceHouseholdValidator() => RuleFor(q => q.Passbook).MustBeId();
}

/// <summary>
/// The statement gives each entry's meaning and running balance (one rule for both pages); the household's stream
/// gives each event's hash; the keys' read model names who recorded it.
/// </summary>
public sealed class TraceHouseholdHandler(IMediator mediator, IEventStore store, IReadModelStore readModels, ICommandContext context)
    : IRequestHandler<TraceHouseholdQuery, Result<HouseholdTrace>>
{
    public async Task<Result<HouseholdTrace>> Handle(TraceHouseholdQuery query, CancellationToken cancellationToken)
    {
        if (context.Principal.Role != Role.Auditor)
        {
            return LedgerErrors.Forbidden("Only an auditor key traces a household's points.");
        }

        var statement = await mediator.Send(new GetStatementQuery(query.Passbook), cancellationToken);
        if (!statement.IsSuccess)
        {
            return statement.Error;
        }

        var hashes = new Dictionary<Guid, string>();
        await foreach (var e in store.ReadStreamAsync(StreamIds.Household(query.Passbook), 1, cancellationToken))
        {
            hashes[e.EventId] = e.Hash;
        }

        var labels = await KeyLabelsAsync(cancellationToken);
        var s = statement.Value;
        return new HouseholdTrace(s.Passbook, s.CommunityId, s.HeadName, s.ClosingBalance,
        [
            .. s.Lines.Select(l => new TracedEntry(
                l.EventId, l.Position, l.Version, hashes.GetValueOrDefault(l.EventId, ""), l.Kind, l.Points, l.RunningBalance,
                l.RuleId, l.RuleVersion, l.ActivityId, l.CorrectedEventId, l.Description, l.Member,
                l.Principal, labels.GetValueOrDefault(l.Principal), l.RecordedAt, l.Date, l.Note)),
        ]);
    }

    private async Task<Dictionary<string, string>> KeyLabelsAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await readModels.BeginReadModelQueryAsync(cancellationToken);
        await using var command = EventStore.Projections.ReadModelSql.CreateCommand(
            transaction, $"SELECT key_id, label FROM {KeyListProjection.Table} WHERE key_id IS NOT NULL");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            labels["key:" + reader.GetString(0)] = reader.GetString(1);
        }

        return labels;
    }
}
