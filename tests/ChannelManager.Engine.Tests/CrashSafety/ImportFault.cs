namespace ChannelManager.Engine.Tests.CrashSafety;

/// <summary>Where an import is interrupted once (as by a crash or an outage there) before the inbox retries it.</summary>
public enum ImportFault
{
    /// <summary>The booking event cannot be published (the bus or the outbox is down).</summary>
    PublishFails,

    /// <summary>The ledger write fails.</summary>
    LedgerWriteFails,

    /// <summary>The process stops right after the ledger write.</summary>
    StopAfterLedgerWrite,

    /// <summary>The PMS sink throws.</summary>
    SinkThrows,

    /// <summary>The process stops after the sink's delivery was recorded, before the version is marked imported.</summary>
    StopBeforeMarkedImported,

    /// <summary>The process stops after the import, before the inbox entry is marked done.</summary>
    StopBeforeInboxEntryDone,
}
