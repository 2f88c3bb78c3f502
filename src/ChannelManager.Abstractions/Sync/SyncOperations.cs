namespace ChannelManager.Sync;

/// <summary>The operation names written to sync logs.</summary>
public static class SyncOperations
{
    /// <summary>Availability, rates and restrictions pushed to a listing.</summary>
    public const string AriPush = "ari_push";

    /// <summary>Reservations pulled from a platform.</summary>
    public const string ReservationPull = "reservation_pull";

    /// <summary>A platform booking imported into the ledger and handed to the PMS.</summary>
    public const string BookingImport = "booking_import";

    /// <summary>A listing's calendar read back from the platform and compared with the ledger; differing nights are pushed again.</summary>
    public const string CalendarReconcile = "calendar_reconcile";

    /// <summary>A connection health test.</summary>
    public const string ConnectionTest = "connection_test";
}
