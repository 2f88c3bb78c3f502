using System.Globalization;
using System.Text;
using ChannelManager.Testing.PmsHistories;

namespace ChannelManager.Engine.Tests.Properties;

/// <summary>
/// One random case: a property with <see cref="Connections"/> platform connections and <see cref="Units"/> units on
/// every night of the date range, platforms failing every <see cref="FailEvery"/>-th call (0: never), and the steps.
/// </summary>
internal sealed record SyncHistory(int Units, int Connections, int FailEvery, IReadOnlyList<PmsStep> Steps)
{
    /// <summary>The nights of the date range.</summary>
    public const int Nights = 20;

    public override string ToString()
    {
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"{Units} unit(s), {Connections} connections, platforms fail every {(FailEvery == 0 ? "never" : FailEvery + "th call")}, {Steps.Count} steps:");
        for (var i = 0; i < Steps.Count; i++)
        {
            s.AppendLine().Append(CultureInfo.InvariantCulture, $"  {i}: {Steps[i]}");
        }

        return s.ToString();
    }
}
