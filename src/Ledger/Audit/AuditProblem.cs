namespace Ledger.Audit;

/// <summary>One thing the auditor's replay found wrong.</summary>
/// <param name="Stream">The stream (or, for a conservation or projection check, the community, item or read model) it concerns.</param>
/// <param name="Position">The first bad global position, where there is one.</param>
/// <param name="Kind">A stable slug: see <see cref="AuditProblemKinds"/>.</param>
/// <param name="Detail">What is wrong, in a sentence an auditor can act on.</param>
public sealed record AuditProblem(
    string Stream,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] long? Position,
    string Kind,
    string Detail);
