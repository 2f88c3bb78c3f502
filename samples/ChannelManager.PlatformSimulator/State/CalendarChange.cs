namespace ChannelManager.Simulator.State;

/// <summary>A patch for the nights <see cref="From"/> to <see cref="Through"/>, both inclusive.</summary>
internal sealed record CalendarChange(DateOnly From, DateOnly Through, CalendarDayPatch Patch);
