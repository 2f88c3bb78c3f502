using System.Runtime.CompilerServices;
using System.Text;

namespace ChannelManager.Adapters.Tests.Expedia;

/// <summary>Byte-for-byte comparison with Golden/Expedia/*; <c>EXPEDIA_UPDATE_GOLDEN=1</c> rewrites the files.</summary>
internal static class Golden
{
    public static void Compare(string name, string actual, [CallerFilePath] string source = "")
    {
        var bytes = Encoding.UTF8.GetBytes(actual);
        if (Environment.GetEnvironmentVariable("EXPEDIA_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(Path.Combine(Path.GetDirectoryName(source)!, "..", "Golden", "Expedia", name), bytes);
            return;
        }

        var expected = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", "Expedia", name));
        Assert.Equal(Encoding.UTF8.GetString(expected), actual);
        Assert.Equal(expected, bytes);
    }
}
