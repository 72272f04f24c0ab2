using FluentValidation;
using Ledger.Common;
using MediatR;

namespace Ledger.Sponsorships.RecordSponsorship;

/// <summary>
/// <c>POST /api/communities/{cid}/sponsorships</c> (committee): a partner gives goods (a stock receipt credited to it)
/// or a points budget. Handled by the supermarket module, which owns the stock a goods sponsorship receives.
/// </summary>
/// <param name="CommunityId">The community (from the route).</param>
/// <param name="Id">The sponsorship's id, unique within the community.</param>
/// <param name="PartnerId">The registered partner who gives it.</param>
/// <param name="Kind"><c>goods</c> or <c>points</c>.</param>
/// <param name="Sku">Goods: the catalogue item received.</param>
/// <param name="Quantity">Goods: units received (1 to 1,000,000).</param>
/// <param name="Points">Points: the budget (1 to 100,000,000).</param>
/// <param name="Note">Optional remark.</param>
public sealed record RecordSponsorshipCommand(
    string CommunityId, string Id, string PartnerId, SponsorshipKind? Kind, string? Sku = null, long? Quantity = null,
    long? Points = null, string? Note = null) : IRequest<Result<SponsorshipResponse>>;

/// <summary>Input rules of <see cref="RecordSponsorshipCommand"/>: goods name a sku and quantity, points a budget, never both.</summary>
public sealed class RecordSponsorshipValidator : AbstractValidator<RecordSponsorshipCommand>
{
    /// <summary>The largest points budget one sponsorship may give.</summary>
    public const long MaxBudget = 100_000_000;

    /// <summary>The most units one goods sponsorship may give (a stock receipt's own limit).</summary>
    public const long MaxQuantity = 1_000_000;

    public RecordSponsorshipValidator()
    {
        RuleFor(c => c.CommunityId).MustBeId();
        RuleFor(c => c.Id).MustBeId();
        RuleFor(c => c.PartnerId).MustBeId();
        RuleFor(c => c.Kind).NotNull().IsInEnum();
        RuleFor(c => c.Note).MustBeOptionalText();
        When(c => c.Kind == SponsorshipKind.Goods, () =>
        {
            RuleFor(c => c.Sku!).MustBeId();
            RuleFor(c => c.Quantity).NotNull().InclusiveBetween(1, MaxQuantity);
            RuleFor(c => c.Points).Null().WithMessage("'Points' is for a points sponsorship; goods give a 'quantity'.");
        });
        When(c => c.Kind == SponsorshipKind.Points, () =>
        {
            RuleFor(c => c.Points).NotNull().InclusiveBetween(1, MaxBudget);
            RuleFor(c => c.Sku).Null().WithMessage("'Sku' is for a goods sponsorship.");
            RuleFor(c => c.Quantity).Null().WithMessage("'Quantity' is for a goods sponsorship.");
        });
    }
}
