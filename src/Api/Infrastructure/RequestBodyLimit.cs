namespace Ledger.Api.Infrastructure;

/// <summary>
/// The largest request body Kestrel reads for the API. A request with an <c>Idempotency-Key</c> is held in memory whole
/// to be fingerprinted, so this bounds the server's memory per request, not only its bandwidth. The largest valid
/// command, an award to 500 participants with the longest names and note, is a few hundred KB even with every
/// character escaped; Kestrel's default of 30 MB would let one request hold a hundred times that.
/// </summary>
internal static class RequestBodyLimit
{
    /// <summary>The bound, in bytes.</summary>
    public const int Bytes = 1024 * 1024;

    /// <summary>The bound as a person reads it, for the problem that refuses a larger body.</summary>
    public const string Size = "1 MiB";
}
