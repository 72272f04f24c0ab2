using Ledger.EventStore;
using Ledger.EventStore.Projections;
using Redemption.Redemptions;
using Redemption.Vouchers;
using static Redemption.Common.ReadModelSql;

namespace Redemption.Partners;

/// <summary>The two reads of <see cref="PartnerVoucherProjection"/>: a partner's vouchers, and its settlement of a month.</summary>
public static class PartnerVouchers
{
    /// <summary>The vouchers of services <paramref name="partnerId"/> provides, with <paramref name="status"/> (all when null), oldest first.</summary>
    public static async Task<IReadOnlyList<VoucherResponse>> QueryAsync(
        IReadModelStore store, string communityId, string partnerId, VoucherStatus? status, string? passbook, CancellationToken cancellationToken)
    {
        // Filters are added only when given: PostgreSQL cannot type a parameter that is only ever compared with NULL.
        var parameters = new List<ReadModelParameter> { Text("@community", communityId), Text("@partner", partnerId) };
        if (status is { } s)
        {
            parameters.Add(Text("@status", s.ToString().ToLowerInvariant()));
        }

        if (passbook is not null)
        {
            parameters.Add(Text("@passbook", passbook));
        }

        await using var transaction = await store.BeginReadModelQueryAsync(cancellationToken);
        await using var command = Command(transaction,
            "SELECT voucher_id, redemption_id, passbook, member, sku, name, status, issued_at, issued_by, fulfilled_at, fulfilled_by, "
            + $"fulfilled_by_name FROM {PartnerVoucherProjection.Table} WHERE community_id = @community AND provider_id = @partner"
            + (status is null ? "" : " AND status = @status") + (passbook is null ? "" : " AND passbook = @passbook")
            + " ORDER BY position, unit",
            [.. parameters]);
        var vouchers = new List<VoucherResponse>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            vouchers.Add(new VoucherResponse(
                reader.GetString(0), reader.GetString(1), communityId, reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), Enum.Parse<VoucherStatus>(reader.GetString(6), ignoreCase: true), ParseTime(reader.GetString(7)),
                reader.GetString(8), NullableString(reader, 9) is { } at ? ParseTime(at) : null, NullableString(reader, 10),
                NullableString(reader, 11)));
        }

        return vouchers;
    }

    /// <summary>
    /// The vouchers of services <paramref name="partnerId"/> provides that were fulfilled in <paramref name="month"/>
    /// (<c>yyyy-MM</c>, the community's calendar), per sku: how many, their points, and the fen due at the settlement
    /// price of the version each was sold at.
    /// </summary>
    public static async Task<IReadOnlyList<SettlementLine>> SettlementAsync(
        IReadModelStore store, string communityId, string partnerId, string month, CancellationToken cancellationToken)
    {
        await using var transaction = await store.BeginReadModelQueryAsync(cancellationToken);
        await using var command = Command(transaction,
            "SELECT sku, MIN(name), COUNT(*), SUM(points), SUM(settlement_fen) "
            + $"FROM {PartnerVoucherProjection.Table} WHERE community_id = @community AND provider_id = @partner "
            + "AND status = 'fulfilled' AND fulfilled_month = @month GROUP BY sku ORDER BY sku",
            Text("@community", communityId), Text("@partner", partnerId), Text("@month", month));
        var lines = new List<SettlementLine>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(new SettlementLine(reader.GetString(0), reader.GetString(1), Long(reader, 2), Long(reader, 3), Long(reader, 4)));
        }

        return lines;
    }
}

/// <summary>One service in a partner's settlement (核销结算) of a month.</summary>
/// <param name="Sku">The service.</param>
/// <param name="Name">Its name on the receipts.</param>
/// <param name="Count">Vouchers fulfilled.</param>
/// <param name="Points">The points those vouchers were redeemed for.</param>
/// <param name="AmountFen">What the community owes the partner for them, in fen.</param>
public sealed record SettlementLine(string Sku, string Name, long Count, long Points, long AmountFen);

/// <summary>A partner's settlement (核销结算单) of one month.</summary>
/// <param name="CommunityId">The community.</param>
/// <param name="CommunityName">Its name.</param>
/// <param name="PartnerId">The partner.</param>
/// <param name="PartnerName">Its name.</param>
/// <param name="Period">The month, <c>yyyy-MM</c> in the community's calendar.</param>
/// <param name="Lines">Per sku, by sku.</param>
/// <param name="Count">Vouchers fulfilled in all.</param>
/// <param name="Points">Their points in all.</param>
/// <param name="AmountFen">The total due, in fen.</param>
public sealed record SettlementResponse(
    string CommunityId, string CommunityName, string PartnerId, string PartnerName, string Period, IReadOnlyList<SettlementLine> Lines,
    long Count, long Points, long AmountFen);
