using System.Runtime.CompilerServices;
using Xunit;

namespace Ledger.Testing;

/// <summary>
/// A small stand-in for Verify (which does not restore here): compares text with a committed
/// <c>Approvals/{name}.verified.{extension}</c> in the nearest <c>Approvals</c> folder above the calling test file.
/// On a mismatch, or when none is committed yet, it writes <c>{name}.received.{extension}</c> beside it and fails;
/// accepting a change is renaming received to verified.
/// </summary>
public static class Approval
{
    /// <summary>Fails unless <paramref name="actual"/> equals the approved text (line endings normalised).</summary>
    public static void Verify(string name, string actual, string extension = "json", [CallerFilePath] string callerFile = "")
    {
        var folder = FindApprovalsFolder(callerFile);
        var verified = Path.Combine(folder, $"{name}.verified.{extension}");
        var received = Path.Combine(folder, $"{name}.received.{extension}");
        var text = actual.ReplaceLineEndings("\n").TrimEnd('\n') + "\n";
        if (File.Exists(verified) && File.ReadAllText(verified).ReplaceLineEndings("\n") == text)
        {
            File.Delete(received);
            return;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(received, text);
        Assert.Fail(File.Exists(verified)
            ? $"{name} differs from its approved file; see {received}. If the change is intended, approve it by renaming it to .verified.{extension} — and for an event, remember released events are never edited (add a .v2)."
            : $"{name} has no approved file yet; review {received} and rename it to .verified.{extension}.");
    }

    // Approved files live in an Approvals folder beside the tests they approve, or higher up in the same project.
    private static string FindApprovalsFolder(string callerFile)
    {
        var start = new DirectoryInfo(Path.GetDirectoryName(callerFile)!);
        for (var folder = start; folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "Approvals");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            if (folder.EnumerateFiles("*.csproj").Any())
            {
                break; // never leave the test project
            }
        }

        return Path.Combine(start.FullName, "Approvals");
    }
}
