namespace LonghuPilot.Plan;

/// <summary>
/// How big a pilot to build. <see cref="Full"/> is the article's: 20 villages and communities, close to 300 activities
/// and over 1,300 participations. <see cref="Small"/> runs the same code on 4 communities for tests.
/// </summary>
/// <param name="Name"><c>full</c> or <c>small</c>.</param>
/// <param name="CommunitiesPerBatch">Communities opened in each of the two batches.</param>
/// <param name="Households">Households per community, lowest and highest.</param>
/// <param name="Activities">Activities in the whole district, lowest and highest (the seed picks).</param>
/// <param name="Participations">Participations in the whole district, lowest and highest (the seed picks).</param>
/// <param name="HonorRollTop">Ranks printed on each community's honour roll.</param>
public sealed record PilotScale(
    string Name, int CommunitiesPerBatch, (int Min, int Max) Households, (int Min, int Max) Activities,
    (int Min, int Max) Participations, int HonorRollTop)
{
    /// <summary>The article's pilot: 近300次 activities (286 to 298) and 1300余人次 participations (1,306 to 1,348).</summary>
    public static readonly PilotScale Full = new("full", 10, (20, 32), (286, 298), (1306, 1348), 10);

    /// <summary>Four communities, two per batch: the same code paths in a few seconds.</summary>
    public static readonly PilotScale Small = new("small", 2, (5, 7), (14, 18), (60, 70), 3);

    /// <summary>The scale called <paramref name="name"/>, or null.</summary>
    public static PilotScale? Named(string name) => name switch
    {
        "full" => Full,
        "small" => Small,
        _ => null,
    };
}
