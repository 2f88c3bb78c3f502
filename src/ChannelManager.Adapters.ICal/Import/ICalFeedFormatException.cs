namespace ChannelManager.Adapters.ICal.Import;

/// <summary>A feed is not a usable iCalendar document (malformed, too large, too many events).</summary>
internal sealed class ICalFeedFormatException(string message, Exception? innerException = null) : Exception(message, innerException);
