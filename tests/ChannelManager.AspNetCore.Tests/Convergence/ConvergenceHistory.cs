using System.Globalization;
using System.Text;

namespace ChannelManager.AspNetCore.Tests.Convergence;

/// <summary>
/// One random case: a property with <see cref="Units"/> units on every night of the date range, connected to
/// <see cref="Listings"/> Airbnb listings, and the PMS's steps.
/// </summary>
internal sealed record ConvergenceHistory(int Units, int Listings, IReadOnlyList<ConvergenceStep> Steps)
{
    /// <summary>The nights of the date range.</summary>
    public const int Nights = 15;

    /// <summary>How many days after today the date range starts.</summary>
    public const int DaysAhead = 3;

    public override string ToString()
    {
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"{Units} unit(s), {Listings} Airbnb listings, {Steps.Count} steps:");
        for (var i = 0; i < Steps.Count; i++)
        {
            s.AppendLine().Append(CultureInfo.InvariantCulture, $"  {i}: {Steps[i]}");
        }

        return s.ToString();
    }
}
