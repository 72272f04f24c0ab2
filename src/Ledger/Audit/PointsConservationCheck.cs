using System.Runtime.CompilerServices;
using Ledger.Common;
using Ledger.EventStore;
using Ledger.Leaderboards;

namespace Ledger.Audit;

/// <summary>
/// Invariant 2, points side: per community, issued - deducted - corrected - redeemed + refunded - expired equals the sum
/// of its households' balances. The two sides are counted independently from the same replay: the books by the
/// community each entry names in its own <c>communityId</c> (what the committee authorised and the supermarket
/// counted), the balances by the community each household was opened in (where the points actually sit). They differ
/// exactly when points were entered against one community and landed in another's passbook, or on a stream that is
/// no household at all. Expired points are the <c>PointsExpired</c> events. See <c>src/Ledger/Audit/README.md</c>.
/// </summary>
public sealed class PointsConservationCheck(EventTypeRegistry registry) : IAuditCheck
{
    private readonly PointsMovements movements = new(registry);
    private readonly Dictionary<string, Books> _books = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Passbook> _households = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public void Observe(RecordedEvent recorded)
    {
        var passbook = LeaderboardPoints.PassbookOf(recorded.StreamId);
        if (passbook is not null && PointsMovements.OpenedIn(recorded) is { } opened)
        {
            HouseholdOf(passbook).Community ??= opened;
            return;
        }

        if (movements.Read(recorded) is not { } movement)
        {
            return;
        }

        var community = movement.CommunityId ?? "";
        var books = BooksOf(community);
        books.Add(movement);
        if (passbook is null)
        {
            // Points on a stream that is no passbook: counted in the books, held by no household.
            books.Misplaced(recorded.Position);
            return;
        }

        var household = HouseholdOf(passbook);
        household.Balance += movement.BalanceChange;
        household.Named.TryAdd(community, recorded.Position);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AuditProblem> FinishAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        var balances = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var household in _households.Values)
        {
            // A stream with points but no opening belongs to no community: its points count on the books' side only.
            if (household.Community is { } community)
            {
                balances[community] = balances.GetValueOrDefault(community) + household.Balance;
            }

            foreach (var (named, position) in household.Named.Where(n => n.Key != household.Community))
            {
                BooksOf(named).Misplaced(position);
                if (household.Community is not null)
                {
                    BooksOf(household.Community).Misplaced(position);
                }
            }
        }

        foreach (var community in _books.Keys.Union(balances.Keys).Order(StringComparer.Ordinal))
        {
            var books = BooksOf(community);
            var sum = balances.GetValueOrDefault(community);
            if (books.Expected != sum)
            {
                yield return new AuditProblem(
                    StreamIds.Community(community), books.FirstMisplaced, AuditProblemKinds.PointsNotConserved,
                    $"Community '{community}': issued {books.Issued} - deducted {books.Deducted} - corrected {books.Corrected} "
                    + $"- redeemed {books.Redeemed} + refunded {books.Refunded} - expired {books.Expired} = {books.Expected}, but its households' "
                    + $"balances sum to {sum} (off by {sum - books.Expected}).");
            }
        }
    }

    private Books BooksOf(string community) =>
        _books.TryGetValue(community, out var books) ? books : _books[community] = new Books();

    private Passbook HouseholdOf(string passbook) =>
        _households.TryGetValue(passbook, out var household) ? household : _households[passbook] = new Passbook();

    private sealed class Books
    {
        public long Issued { get; private set; }
        public long Deducted { get; private set; }
        public long Corrected { get; private set; }
        public long Redeemed { get; private set; }
        public long Refunded { get; private set; }
        public long Expired { get; private set; }
        public long? FirstMisplaced { get; private set; }

        public long Expected => Issued - Deducted - Corrected - Redeemed + Refunded - Expired;

        public void Add(PointsMovement m)
        {
            switch (m.Flow)
            {
                case PointsFlow.Issued: Issued += m.Points; break;
                case PointsFlow.Deducted: Deducted += m.Points; break;
                case PointsFlow.Corrected: Corrected += m.Points; break;
                case PointsFlow.Redeemed: Redeemed += m.Points; break;
                case PointsFlow.Refunded: Refunded += m.Points; break;
                case PointsFlow.Expired: Expired += m.Points; break;
            }
        }

        public void Misplaced(long position) => FirstMisplaced = Math.Min(FirstMisplaced ?? long.MaxValue, position);
    }

    private sealed class Passbook
    {
        public string? Community { get; set; }
        public long Balance { get; set; }

        // Each community the household's entries named, with the first position that named it: usually just its own.
        public Dictionary<string, long> Named { get; } = new(StringComparer.Ordinal);
    }
}
