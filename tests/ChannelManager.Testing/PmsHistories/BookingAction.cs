namespace ChannelManager.Testing.PmsHistories;

/// <summary>What a booking step does to its booking.</summary>
public enum BookingAction
{
    /// <summary>Confirms it (a new stay, also when it was cancelled before).</summary>
    Confirm,

    /// <summary>Moves it to the step's stay (a confirmation when it is not live).</summary>
    Modify,

    /// <summary>Cancels it (nothing when it is not live).</summary>
    Cancel,
}
