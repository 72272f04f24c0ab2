using FluentValidation;
using Ledger.Common;
using Redemption.Common;
using MediatR;

namespace Redemption.Redemptions.Redeem;

/// <summary>
/// <c>POST /api/communities/{cid}/redemptions</c> (clerk): a household pays points for goods and services. Needs an
/// <c>Idempotency-Key</c>. Lines naming the same sku are merged into one (in the order the sku first appears).
/// </summary>
/// <param name="CommunityId">The community (from the route).</param>
/// <param name="Passbook">The paying household.</param>
/// <param name="Member">The member redeeming; the head of household when null.</param>
/// <param name="Lines">1 to 50 lines.</param>
public sealed record RedeemCommand(string CommunityId, string Passbook, string? Member, IReadOnlyList<RedeemLine>? Lines)
    : IRequest<Result<RedemptionResponse>>;

/// <summary>One line of a basket.</summary>
/// <param name="Sku">The item.</param>
/// <param name="Quantity">Units: 1 to 1000.</param>
public sealed record RedeemLine(string Sku, int Quantity);

/// <summary>Input rules of <see cref="RedeemCommand"/>.</summary>
public sealed class RedeemValidator : AbstractValidator<RedeemCommand>
{
    public RedeemValidator()
    {
        RuleFor(c => c.CommunityId).MustBeId();
        RuleFor(c => c.Passbook).MustBeId();
        RuleFor(c => c.Member).MustBeOptionalName();
        RuleFor(c => c.Lines)
            .NotEmpty().WithMessage("'Lines' must name at least one item.")
            .Must(l => l is null || l.Count <= RedemptionRules.MaxLines)
            .WithMessage($"A redemption has at most {RedemptionRules.MaxLines} lines.")
            .Must(l => l is null || l.Where(x => x?.Sku is not null).GroupBy(x => x.Sku, StringComparer.Ordinal)
                .All(g => g.Count() == 1 || g.Sum(x => (long)x.Quantity) <= RedemptionRules.MaxQuantity))
            .WithMessage($"Lines of one sku together may hold at most {RedemptionRules.MaxQuantity} units.");
        RuleForEach(c => c.Lines).ChildRules(line =>
        {
            line.RuleFor(x => x).NotNull();
            line.RuleFor(x => x.Sku).MustBeId().When(x => x is not null);
            line.RuleFor(x => x.Quantity).InclusiveBetween(1, RedemptionRules.MaxQuantity).When(x => x is not null);
        });
    }
}
