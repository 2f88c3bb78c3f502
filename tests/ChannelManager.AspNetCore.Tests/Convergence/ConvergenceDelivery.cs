namespace ChannelManager.AspNetCore.Tests.Convergence;

/// <summary>One delivery of an event to the engine, with its event id and the fault to inject into the simulator first.</summary>
internal sealed record ConvergenceDelivery(ConvergenceEvent Event, Guid EventId, InjectedFault Fault);
