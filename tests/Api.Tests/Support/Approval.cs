using System.Runtime.CompilerServices;

namespace Ledger.Api.Tests.Support;

/// <summary>
/// A small stand-in for Verify (which does not restore here), as in the domain tests: compares text with a committed
/// <c>Approvals/{name}.verified.{extension}</c>. On a mismatch, or when none is committed yet, it writes
/// <c>{name}.received.{extension}</c> beside it and fails; accepting a change is renaming received to verified.
/// </summary>
public static class Approval
{
    public static void Verify(string name, string extension, string actual, [CallerFilePath] string callerFile = "")
    {
        var folder = Path.Combine(FindProjectFolder(callerFile), "Approvals");
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
            ? $"{name} differs from its approved file; see {received}. If the change is intended, approve it by renaming it to .verified.{extension}."
            : $"{name} has no approved file yet; review {received} and rename it to .verified.{extension}.");
    }

    // The caller lives somewhere under tests/Api.Tests; find that folder from its path.
    private static string FindProjectFolder(string path)
    {
        var folder = new DirectoryInfo(Path.GetDirectoryName(path)!);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Api.Tests.csproj")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException($"{path} is not under the Api.Tests project.");
    }
}
