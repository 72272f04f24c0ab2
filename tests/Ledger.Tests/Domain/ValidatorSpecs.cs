using FluentValidation;
using Ledger.Activities;
using Ledger.Activities.AddParticipants;
using Ledger.Activities.ScheduleActivity;
using Ledger.Communities.DefinePointsItem;
using Ledger.Communities.RegisterCommunity;
using Ledger.Communities.SetStarLevels;
using Ledger.Households.AwardPoints;
using Ledger.Households.CorrectEntry;
using Ledger.Households.GetStatement;
using Ledger.Households.OpenHousehold;

namespace Ledger.Tests.Domain;

public sealed class ValidatorSpecs
{
    private static void Valid<T>(AbstractValidator<T> validator, T value)
    {
        var result = validator.Validate(value);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.ErrorMessage)));
    }

    private static void Invalid<T>(AbstractValidator<T> validator, T value, string property)
    {
        var result = validator.Validate(value);
        Assert.Contains(result.Errors, e => e.PropertyName.StartsWith(property, StringComparison.Ordinal));
    }

    private static AddParticipantsCommand Participants(int count) =>
        new("jinhai", "a1", Enumerable.Range(1, count).Select(i => new ParticipantInput($"JH-{i:0000}")).ToList());

    [Fact]
    public void Five_hundred_participants_are_accepted_in_one_request() => Valid(new AddParticipantsValidator(), Participants(500));

    [Fact]
    public void Five_hundred_and_one_participants_are_refused() => Invalid(new AddParticipantsValidator(), Participants(501), "Participants");

    [Fact]
    public void An_empty_participant_list_is_refused() => Invalid(new AddParticipantsValidator(), Participants(0), "Participants");

    [Fact]
    public void A_participant_with_a_malformed_passbook_is_refused() =>
        Invalid(new AddParticipantsValidator(), new AddParticipantsCommand("jinhai", "a1", [new ParticipantInput("JH 0001")]), "Participants[0].Passbook");

    [Theory]
    [InlineData("a")]
    [InlineData("JH-0001_b")]
    [InlineData("1234567890123456789012345678901234567890123456789012345678901234")]
    public void Ids_of_1_to_64_letters_digits_dash_and_underscore_are_accepted(string id) =>
        Valid(new AwardPointsValidator(), new AwardPointsCommand("jinhai", id, "clean-up"));

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("JH-0001\n")]
    [InlineData("津海")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345")]
    public void Other_ids_are_refused(string id) =>
        Invalid(new AwardPointsValidator(), new AwardPointsCommand("jinhai", id, "clean-up"), "Passbook");

    [Fact]
    public void A_name_of_100_Chinese_characters_is_accepted_and_101_is_refused()
    {
        Valid(new OpenHouseholdValidator(), new OpenHouseholdCommand("jinhai", "JH-1", new string('陈', 100)));
        Invalid(new OpenHouseholdValidator(), new OpenHouseholdCommand("jinhai", "JH-1", new string('陈', 101)), "HeadName");
    }

    [Fact]
    public void A_blank_member_name_is_refused() =>
        Invalid(new OpenHouseholdValidator(), new OpenHouseholdCommand("jinhai", "JH-1", "陈伟", ["  "]), "Members[0]");

    [Theory]
    [InlineData(1_000_000)]
    [InlineData(-1_000_000)]
    [InlineData(1)]
    public void Item_points_up_to_a_million_either_way_are_accepted(long points) =>
        Valid(new DefinePointsItemValidator(), new DefinePointsItemCommand("jinhai", "r", "n", "c", points));

    [Theory]
    [InlineData(0)]
    [InlineData(1_000_001)]
    [InlineData(-1_000_001)]
    public void Zero_or_more_than_a_million_points_are_refused(long points) =>
        Invalid(new DefinePointsItemValidator(), new DefinePointsItemCommand("jinhai", "r", "n", "c", points), "Points");

    [Fact]
    public void A_monthly_cap_on_a_deduction_or_below_the_items_points_is_refused()
    {
        Invalid(new DefinePointsItemValidator(), new DefinePointsItemCommand("jinhai", "r", "n", "c", -10, 30), "MonthlyCap");
        Invalid(new DefinePointsItemValidator(), new DefinePointsItemCommand("jinhai", "r", "n", "c", 10, 5), "MonthlyCap");
        Valid(new DefinePointsItemValidator(), new DefinePointsItemCommand("jinhai", "r", "n", "c", 10, 10));
    }

    [Fact]
    public void An_unknown_time_zone_is_refused_and_an_IANA_one_accepted()
    {
        Invalid(new RegisterCommunityValidator(), new RegisterCommunityCommand("jinhai", "津海社区", "龙湖区", "龙腾街道", "Mars/Olympus"), "TimeZone");
        Valid(new RegisterCommunityValidator(), new RegisterCommunityCommand("jinhai", "津海社区", "龙湖区", "龙腾街道", "Asia/Shanghai"));
    }

    [Fact]
    public void Activity_points_must_be_positive_and_the_organiser_named()
    {
        var valid = new ScheduleActivityCommand("jinhai", "a1", "乡村绿化", new Organizer(OrganizerKind.Enterprise, "某公司"), new DateOnly(2025, 3, 1), 5);
        Valid(new ScheduleActivityValidator(), valid);
        Invalid(new ScheduleActivityValidator(), valid with { Points = -5 }, "Points");
        Invalid(new ScheduleActivityValidator(), valid with { Organizer = new Organizer(OrganizerKind.Enterprise, "") }, "Organizer.Name");
        Invalid(new ScheduleActivityValidator(), valid with { Organizer = new Organizer((OrganizerKind)9, "某公司") }, "Organizer.Kind");
    }

    [Fact]
    public void A_correction_needs_a_reason_and_an_event_id()
    {
        Invalid(new CorrectEntryValidator(), new CorrectEntryCommand("JH-1", Guid.NewGuid(), " "), "Reason");
        Invalid(new CorrectEntryValidator(), new CorrectEntryCommand("JH-1", Guid.Empty, "录入错误"), "EventId");
    }

    [Fact]
    public void A_statement_period_may_not_end_before_it_starts() =>
        Invalid(new GetStatementValidator(), new GetStatementQuery("JH-1", new DateOnly(2025, 3, 2), new DateOnly(2025, 3, 1)), "To");

    private static SetStarLevelsCommand StarLevels(params (int? Stars, long? Points)[] levels) =>
        new("jinhai", levels.Select(l => (StarLevelInput?)new StarLevelInput(l.Stars, l.Points)).ToList());

    [Fact]
    public void Five_star_levels_with_rising_thresholds_are_accepted() =>
        Valid(new SetStarLevelsValidator(), StarLevels((1, 1), (2, 2), (3, 3), (4, 4), (5, 100_000_000)));

    [Fact]
    public void A_threshold_above_one_hundred_million_is_refused() =>
        Invalid(new SetStarLevelsValidator(), StarLevels((1, 100_000_001)), "Levels[0].Points");

    [Fact]
    public void A_level_without_points_is_refused() =>
        Invalid(new SetStarLevelsValidator(), StarLevels((1, null)), "Levels[0].Points");

    [Fact]
    public void A_null_level_is_refused() =>
        Invalid(new SetStarLevelsValidator(), new SetStarLevelsCommand("jinhai", [null]), "Levels[0]");

    [Fact]
    public void A_level_that_skips_a_star_is_refused() =>
        Invalid(new SetStarLevelsValidator(), StarLevels((1, 10), (3, 30)), "Levels");

    [Fact]
    public void A_threshold_lower_than_the_level_below_is_refused() =>
        Invalid(new SetStarLevelsValidator(), StarLevels((1, 30), (2, 10)), "Levels");
}
