using System.Runtime.CompilerServices;

namespace Ledger.Redemption.Tests.Domain.Support;

/// <summary>
/// Called from tests in the Domain folder. A small stand-in for Verify (which does not restore here), as in the ledger's tests: compares text with a committed
/// <c>Approvals/{name}.verified.json</c>; on a mismatch, or when none is committed yet, writes <c>{name}.received.json</c>
/// beside it and fails. Accepting a change is renaming received to verified.
/// </summary>
public static class Approval
{
    public static void Verify(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(callerFile)!, "Approvals");
        var verified = Path.Combine(folder, $"{name}.verified.json");
        var received = Path.Combine(folder, $"{name}.received.json");
        var text = actual.ReplaceLineEndings("\n").TrimEnd('\n') + "\n";
        if (File.Exists(verified) && File.ReadAllText(verified).ReplaceLineEndings("\n") == text)
        {
            File.Delete(received);
            return;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(received, text);
        Assert.Fail(File.Exists(verified)
            ? $"{name} differs from its approved file; see {received}. Released events are never edited: add a .v2."
            : $"{name} has no approved file yet; review {received} and rename it to .verified.json.");
    }
}
