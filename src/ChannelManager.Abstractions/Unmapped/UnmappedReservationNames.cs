namespace ChannelManager.Unmapped;

/// <summary>The wire names of <see cref="UnmappedReservationState"/> and <see cref="UnmappedReservationSource"/> (lower case).</summary>
public static class UnmappedReservationNames
{
    /// <summary>The state names, in declaration order.</summary>
    public static IReadOnlyList<string> States { get; } = ["open", "imported", "dismissed"];

    /// <summary>The wire name of a state.</summary>
    /// <param name="state">The state.</param>
    /// <returns><c>open</c>, <c>imported</c> or <c>dismissed</c>.</returns>
    public static string ToWireName(this UnmappedReservationState state) => state switch
    {
        UnmappedReservationState.Open => "open",
        UnmappedReservationState.Imported => "imported",
        UnmappedReservationState.Dismissed => "dismissed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown state."),
    };

    /// <summary>The wire name of a source.</summary>
    /// <param name="source">The source.</param>
    /// <returns><c>webhook</c> or <c>pull</c>.</returns>
    public static string ToWireName(this UnmappedReservationSource source) => source switch
    {
        UnmappedReservationSource.Webhook => "webhook",
        UnmappedReservationSource.Pull => "pull",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Unknown source."),
    };

    /// <summary>Parses a state's wire name (exact, lower case).</summary>
    /// <param name="value">The name.</param>
    /// <param name="state">The state.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryParseState(string? value, out UnmappedReservationState state)
    {
        (var ok, state) = value switch
        {
            "open" => (true, UnmappedReservationState.Open),
            "imported" => (true, UnmappedReservationState.Imported),
            "dismissed" => (true, UnmappedReservationState.Dismissed),
            _ => (false, default),
        };
        return ok;
    }

    /// <summary>Parses a source's wire name (exact, lower case).</summary>
    /// <param name="value">The name.</param>
    /// <param name="source">The source.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryParseSource(string? value, out UnmappedReservationSource source)
    {
        (var ok, source) = value switch
        {
            "webhook" => (true, UnmappedReservationSource.Webhook),
            "pull" => (true, UnmappedReservationSource.Pull),
            _ => (false, default),
        };
        return ok;
    }
}
