using ChannelManager.Simulator.State;

namespace ChannelManager.Simulator.Airbnb;

/// <summary>A validated <c>POST /v2/calendar_operations</c> body.</summary>
/// <param name="ListingId">The listing, as text.</param>
/// <param name="Changes">One change per date entry of every operation, in order.</param>
/// <param name="OperationCount">How many operations the body held.</param>
internal sealed record AirbnbCalendarOperations(string ListingId, IReadOnlyList<CalendarChange> Changes, int OperationCount);
