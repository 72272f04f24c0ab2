using System.Runtime.CompilerServices;

namespace Ledger.Tests.Domain.Support;

/// <summary>
/// A small stand-in for Verify (which does not restore here): compares text with a committed
/// <c>Approvals/{name}.verified.json</c>. On a mismatch, or when none is committed yet, it writes
/// <c>{name}.received.json</c> beside it and fails; accepting a change is renaming received to verified.
/// </summary>
public static class Approval
{
    public static void Verify(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        var folder = Path.Combine(FindDomainFolder(callerFile), "Approvals");
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
            ? $"{name} differs from its approved file; see {received}. If the change is intended, approve it by renaming it to .verified.json — and for an event, remember released events are never edited (add a .v2)."
            : $"{name} has no approved file yet; review {received} and rename it to .verified.json.");
    }

    // The caller lives somewhere under tests/Ledger.Tests/Domain; find that folder from its path.
    private static string FindDomainFolder(string path)
    {
        var folder = new DirectoryInfo(Path.GetDirectoryName(path)!);
        while (folder is not null && folder.Name != "Domain")
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException($"{path} is not under a Domain folder.");
    }
}
