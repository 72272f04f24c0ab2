using System.Globalization;
using FluentValidation;
using Ledger.Common;
using Ledger.Communities;
using Ledger.EventStore;
using Ledger.EventStore.Projections;
using MediatR;

namespace Ledger.Sponsorships.ListSponsorships;

/// <summary><c>GET /api/communities/{cid}/sponsorships</c> (committee, auditor): the community's sponsorships.</summary>
public sealed record ListSponsorshipsQuery(string CommunityId) : IRequest<Result<SponsorshipListResponse>>;

/// <summary>The answer of <see cref="ListSponsorshipsQuery"/>.</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="Sponsorships">Its sponsorships, by id.</param>
public sealed record SponsorshipListResponse(string CommunityId, IReadOnlyList<SponsorshipSummary> Sponsorships);

/// <summary>One sponsorship of the list.</summary>
/// <param name="Id">The sponsorship's id.</param>
/// <param name="PartnerId">The partner who gave it.</param>
/// <param name="SponsorName">The partner's name.</param>
/// <param name="Kind">Goods or points.</param>
/// <param name="Sku">Goods: the item.</param>
/// <param name="Given">Points: the budget; goods: units.</param>
/// <param name="Used">Points: drawn so far; goods: null.</param>
/// <param name="Remaining">Points: left; goods: null.</param>
public sealed record SponsorshipSummary(
    string Id, string PartnerId, string SponsorName, SponsorshipKind Kind, string? Sku, long Given, long? Used, long? Remaining);

/// <summary>Input rules of <see cref="ListSponsorshipsQuery"/>.</summary>
public sealed class ListSponsorshipsValidator : AbstractValidator<ListSponsorshipsQuery>
{
    public ListSponsorshipsValidator() => RuleFor(q => q.CommunityId).MustBeId();
}

/// <summary>Answers from the <c>sponsorship_list</c> read model (inline, so never behind the ledger).</summary>
public sealed class ListSponsorshipsHandler(ILedgerStore store, EventTypeRegistry registry, ICommandContext context)
    : IRequestHandler<ListSponsorshipsQuery, Result<SponsorshipListResponse>>
{
    public async Task<Result<SponsorshipListResponse>> Handle(ListSponsorshipsQuery query, CancellationToken cancellationToken)
    {
        if (SponsorshipAccess.Read(context.Principal, query.CommunityId) is { } denied)
        {
            return denied;
        }

        var community = await CommunityStream.ReadAsync(store, registry, context.Principal, query.CommunityId, cancellationToken);
        if (!community.IsSuccess)
        {
            return community.Error;
        }

        var all = await ReadAsync(store, query.CommunityId, cancellationToken);
        return new SponsorshipListResponse(query.CommunityId, [.. all.Where(s => SponsorshipAccess.Shows(context.Principal, s.PartnerId))]);
    }

    private static async Task<IReadOnlyList<SponsorshipSummary>> ReadAsync(ILedgerStore store, string communityId, CancellationToken cancellationToken)
    {
        await using var transaction = await store.BeginReadModelQueryAsync(cancellationToken);
        await using var command = transaction.CreateCommand(
            $"SELECT sponsorship_id, partner_id, sponsor_name, kind, sku, given, used FROM {SponsorshipListProjection.Table} "
            + "WHERE community_id = @community ORDER BY sponsorship_id", ("@community", communityId));
        var list = new List<SponsorshipSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var points = reader.GetString(3) == "points";
            var given = Convert.ToInt64(reader.GetValue(5), CultureInfo.InvariantCulture);
            var used = Convert.ToInt64(reader.GetValue(6), CultureInfo.InvariantCulture);
            list.Add(new SponsorshipSummary(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), points ? SponsorshipKind.Points : SponsorshipKind.Goods,
                reader.IsDBNull(4) ? null : reader.GetString(4), given, points ? used : null, points ? given - used : null));
        }

        return list;
    }
}
