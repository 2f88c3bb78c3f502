using System.Diagnostics;
using ChannelManager.Adapters;
using ChannelManager.Common;
using ChannelManager.Connections;
using ChannelManager.Engine.Inbound;
using ChannelManager.Engine.Sync;
using ChannelManager.Engine.Telemetry;
using ChannelManager.Sync;
using Microsoft.Extensions.Logging;

namespace ChannelManager.Engine.Connections;

/// <summary>
/// The connection operations of the reference's <c>ChannelConnectionService</c>: create, list, get, update, delete
/// (soft), test, trigger a manual sync, and read sync logs. Every operation is scoped to one tenant; input is
/// validated before anything changes.
/// </summary>
public sealed class ChannelConnectionService
{
    private const int MaxListingIdLength = 200;
    private const int MaxTokenLength = 8192;
    private const int MaxMetadataEntries = 50;
    private const int MaxMetadataValueLength = 2000;

    private readonly IChannelConnectionStore _store;
    private readonly ISyncLogStore _syncLogs;
    private readonly AdapterRegistry _adapters;
    private readonly SyncEngine _engine;
    private readonly DirtyRangeQueue _dirty;
    private readonly SyncLogWriter _syncLog;
    private readonly TimeProvider _time;
    private readonly ILogger<ChannelConnectionService> _logger;
    private readonly UnmappedReservationTracker? _unmapped;
    private readonly SyncActivityNotifier _activity;

    internal ChannelConnectionService(IChannelConnectionStore store, ISyncLogStore syncLogs, AdapterRegistry adapters, SyncEngine engine, DirtyRangeQueue dirty, SyncLogWriter syncLog, TimeProvider time, ILogger<ChannelConnectionService> logger, UnmappedReservationTracker? unmapped = null, SyncActivityNotifier? activity = null)
    {
        _activity = activity ?? SyncActivityNotifier.None;
        _unmapped = unmapped;
        _store = store;
        _syncLogs = syncLogs;
        _adapters = adapters;
        _engine = engine;
        _dirty = dirty;
        _syncLog = syncLog;
        _time = time;
        _logger = logger;
    }

    /// <summary>Creates a connection; an active one gets its whole sync window pushed.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="input">The connection.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The created connection.</returns>
    /// <exception cref="ChannelManagerValidationException">Invalid input.</exception>
    /// <exception cref="ResourceConflictException">The tenant already has an active connection for that listing.</exception>
    public async Task<ChannelConnection> CreateAsync(string tenantId, NewChannelConnection input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        Validate(input, out var platform, out var status).ThrowIfAny();

        var listingId = input.PlatformListingId!.Trim();
        var existing = await _store.FindByListingAsync(platform, listingId, cancellationToken).ConfigureAwait(false);
        if (existing is not null && existing.TenantId == tenantId)
        {
            throw new ResourceConflictException($"A {platform.ToWireName()} connection for listing '{listingId}' already exists ({existing.Id}).");
        }

        if (existing is not null)
        {
            // Another tenant owns the listing: say no more than that it is taken.
            throw new ResourceConflictException($"The {platform.ToWireName()} listing '{listingId}' is already connected.");
        }

        var now = _time.GetUtcNow();
        var connection = new ChannelConnection
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            PropertyId = input.PropertyId,
            Platform = platform,
            PlatformListingId = listingId,
            Status = status,
            Credentials = new ChannelCredentials(input.AccessToken!, input.RefreshToken, input.TokenExpiresAt),
            PlatformMetadata = new Dictionary<string, string>(input.PlatformMetadata ?? new Dictionary<string, string>(), StringComparer.Ordinal),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await _store.AddAsync(connection, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Created connection {ConnectionId} ({Platform}) for property {PropertyId}", connection.Id, platform.ToWireName(), connection.PropertyId);
        await _activity.ConnectionChangedAsync(connection, cancellationToken).ConfigureAwait(false);
        if (connection.IsSyncable)
        {
            await _engine.MarkWindowDirtyAsync(connection, AriPushScope.All, "connection.created", cancellationToken).ConfigureAwait(false);
        }

        await ImportUnmappedAsync(connection, cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>Wakes the bookings that waited for this connection's listing (unmapped reservations).</summary>
    private Task ImportUnmappedAsync(ChannelConnection connection, CancellationToken cancellationToken) =>
        _unmapped?.ResolveForConnectionAsync(connection, cancellationToken) ?? Task.CompletedTask;

    /// <summary>Checks the input of <see cref="CreateAsync"/> without creating anything.</summary>
    /// <param name="input">The connection to create.</param>
    /// <returns>The errors found, keyed by wire field name.</returns>
    public ValidationErrors ValidateNew(NewChannelConnection input) => Validate(input, out _, out _);

    private ValidationErrors Validate(NewChannelConnection input, out Platform platform, out ConnectionStatus status)
    {
        ArgumentNullException.ThrowIfNull(input);
        platform = default;
        var errors = new ValidationErrors();
        if (input.PropertyId == Guid.Empty)
        {
            errors.Add("property_id", "The property id is required and must be a non-empty GUID.");
        }

        if (string.IsNullOrWhiteSpace(input.PlatformType))
        {
            errors.Add("platform_type", "The platform type is required: one of " + string.Join(", ", PlatformNames.All) + ".");
        }
        else if (!PlatformNames.TryParse(input.PlatformType, out platform))
        {
            errors.Add("platform_type", $"Unknown platform '{Truncate(input.PlatformType)}': use one of " + string.Join(", ", PlatformNames.All) + ".");
        }
        else if (!_adapters.TryGet(platform, out _))
        {
            errors.Add("platform_type", $"The {platform.ToWireName()} integration is not enabled on this host (enabled: {string.Join(", ", _adapters.EnabledPlatforms.Select(p => p.ToWireName()))}).");
        }

        ValidateListingId(input.PlatformListingId, required: true, errors);
        ValidateToken(input.AccessToken, "access_token", required: true, errors);
        ValidateToken(input.RefreshToken, "refresh_token", required: false, errors);
        ValidateMetadata(input.PlatformMetadata, errors);
        if (!errors.HasErrors)
        {
            ValidateForPlatform(platform, input.PlatformListingId!.Trim(), input.PlatformMetadata ?? new Dictionary<string, string>(), errors);
        }
        status = ConnectionStatus.Active;
        if (input.Status is not null && !ConnectionStatusNames.TryParse(input.Status, out status))
        {
            errors.Add("status", "The status must be one of " + string.Join(", ", ConnectionStatusNames.All) + ".");
        }

        return errors;
    }

    /// <summary>Lists the tenant's connections (never soft-deleted ones).</summary>
    /// <param name="query">Filters and paging.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>One page.</returns>
    public Task<Page<ChannelConnection>> ListAsync(ChannelConnectionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ValidatePage(query.Page);
        return _store.ListAsync(query, cancellationToken);
    }

    /// <summary>Gets a connection.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="id">The connection id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The connection.</returns>
    /// <exception cref="ResourceNotFoundException">No such connection for the tenant, or soft-deleted.</exception>
    public async Task<ChannelConnection> GetAsync(string tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        var c = await _store.GetAsync(tenantId, id, cancellationToken).ConfigureAwait(false);
        return c is null || c.DeletedAt is not null ? throw new ResourceNotFoundException("channel connection", id.ToString()) : c;
    }

    /// <summary>Updates a connection: only the fields that are set change.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="id">The connection id.</param>
    /// <param name="update">The changes.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The updated connection.</returns>
    public async Task<ChannelConnection> UpdateAsync(string tenantId, Guid id, ChannelConnectionUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var errors = new ValidationErrors();
        ValidateListingId(update.PlatformListingId, required: false, errors);
        ValidateToken(update.AccessToken, "access_token", required: false, errors);
        ValidateToken(update.RefreshToken, "refresh_token", required: false, errors);
        ValidateMetadata(update.PlatformMetadata, errors);
        ConnectionStatus? status = null;
        if (update.Status is not null)
        {
            if (ConnectionStatusNames.TryParse(update.Status, out var s))
            {
                status = s;
            }
            else
            {
                errors.Add("status", "The status must be one of " + string.Join(", ", ConnectionStatusNames.All) + ".");
            }
        }

        errors.ThrowIfAny();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var current = await GetAsync(tenantId, id, cancellationToken).ConfigureAwait(false);
            if (update.PlatformListingId is { } newListing && newListing.Trim() != current.PlatformListingId)
            {
                var other = await _store.FindByListingAsync(current.Platform, newListing.Trim(), cancellationToken).ConfigureAwait(false);
                if (other is not null && other.Id != current.Id)
                {
                    throw new ResourceConflictException($"The {current.Platform.ToWireName()} listing '{newListing.Trim()}' is already connected.");
                }
            }

            var credentials = current.Credentials;
            if (update.AccessToken is not null || update.RefreshToken is not null || update.TokenExpiresAt is not null)
            {
                credentials = new ChannelCredentials(
                    update.AccessToken ?? credentials.AccessToken,
                    update.RefreshToken ?? credentials.RefreshToken,
                    update.TokenExpiresAt ?? credentials.ExpiresAt);
            }

            var changed = current with
            {
                PlatformListingId = update.PlatformListingId?.Trim() ?? current.PlatformListingId,
                Credentials = credentials,
                PlatformMetadata = update.PlatformMetadata is null ? current.PlatformMetadata : new Dictionary<string, string>(update.PlatformMetadata, StringComparer.Ordinal),
                Status = status ?? current.Status,
                UpdatedAt = _time.GetUtcNow(),
                Version = current.Version + 1,
            };
            if (update.PlatformListingId is not null || update.PlatformMetadata is not null)
            {
                // The platform's rules apply to the connection as it would be after the change.
                var platformErrors = new ValidationErrors();
                ValidateForPlatform(changed.Platform, changed.PlatformListingId, changed.PlatformMetadata, platformErrors);
                platformErrors.ThrowIfAny();
            }
            if (await _store.UpdateAsync(changed, current.Version, cancellationToken).ConfigureAwait(false))
            {
                await _activity.ConnectionChangedAsync(changed, cancellationToken).ConfigureAwait(false);
                if (!current.IsSyncable && changed.IsSyncable)
                {
                    await _engine.MarkWindowDirtyAsync(changed, AriPushScope.All, "connection.resumed", cancellationToken).ConfigureAwait(false);
                }
                else if (!changed.IsSyncable)
                {
                    _dirty.Forget(new ConnectionKey(tenantId, id));
                }
                else if (changed.PlatformListingId != current.PlatformListingId)
                {
                    await _engine.MarkWindowDirtyAsync(changed, AriPushScope.All, "connection.relisted", cancellationToken).ConfigureAwait(false);
                }

                if (changed.PlatformListingId != current.PlatformListingId || (!current.IsSyncable && changed.IsSyncable))
                {
                    await ImportUnmappedAsync(changed, cancellationToken).ConfigureAwait(false);
                }

                return changed;
            }
        }

        throw new ResourceConflictException("The connection was changed concurrently too often; try again.");
    }

    /// <summary>Soft-deletes a connection: it disappears from the API and is never synced again.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="id">The connection id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the connection is deleted.</returns>
    /// <exception cref="ResourceNotFoundException">No such connection, or already deleted.</exception>
    public async Task DeleteAsync(string tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var current = await GetAsync(tenantId, id, cancellationToken).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            var deleted = current with { DeletedAt = now, UpdatedAt = now, Version = current.Version + 1 };
            if (await _store.UpdateAsync(deleted, current.Version, cancellationToken).ConfigureAwait(false))
            {
                _dirty.Forget(new ConnectionKey(tenantId, id));
                _logger.LogInformation("Deleted connection {ConnectionId}", id);
                await _activity.ConnectionChangedAsync(deleted, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        throw new ResourceConflictException("The connection was changed concurrently too often; try again.");
    }

    /// <summary>Tests a connection's health: the token is valid and one cheap platform call succeeds. The outcome is logged and kept on the connection.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="id">The connection id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The result.</returns>
    public async Task<ConnectionTestResult> TestAsync(string tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        var connection = await GetAsync(tenantId, id, cancellationToken).ConfigureAwait(false);
        using var scope = LogScopes.ForConnection(_logger, connection);
        var started = _time.GetUtcNow();
        var sw = Stopwatch.StartNew();
        ConnectionTestResult result;
        if (!_adapters.TryGet(connection.Platform, out var adapter))
        {
            result = new ConnectionTestResult(false, $"The {connection.Platform.ToWireName()} integration is not enabled on this host.");
        }
        else
        {
            try
            {
                result = await adapter.TestConnectionAsync(connection, cancellationToken).ConfigureAwait(false);
            }
            catch (PlatformCallException ex)
            {
                result = new ConnectionTestResult(false, SyncDispatcher.Describe(ex), sw.Elapsed.TotalMilliseconds);
            }
        }

        await _syncLog.WriteAsync(connection, SyncOperations.ConnectionTest, "manual:test", null, 1, result.Healthy ? SyncOutcome.Succeeded : SyncOutcome.Failed, started, 1, result.Healthy ? null : result.Message, cancellationToken).ConfigureAwait(false);
        await _syncLog.UpdateConnectionAsync(
            connection,
            c => result.Healthy
                ? c with { Status = c.Status == ConnectionStatus.Error ? ConnectionStatus.Active : c.Status, LastError = null }
                : c with { Status = c.Status == ConnectionStatus.Paused ? c.Status : ConnectionStatus.Error, LastError = result.Message },
            cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Queues a manual sync. ARI syncs push the whole sync window's current state; <c>bookings</c> pulls reservations.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="id">The connection id.</param>
    /// <param name="syncType">What to sync.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>What was queued.</returns>
    /// <exception cref="ResourceConflictException">The connection is paused.</exception>
    public async Task<SyncRequestResult> TriggerSyncAsync(string tenantId, Guid id, SyncType syncType, CancellationToken cancellationToken = default)
    {
        var connection = await GetAsync(tenantId, id, cancellationToken).ConfigureAwait(false);
        if (!connection.IsSyncable)
        {
            throw new ResourceConflictException("The connection is paused; set its status to active before syncing.");
        }

        var jobId = Guid.CreateVersion7();
        var trigger = $"manual:{syncType.ToWireName()}:{jobId:N}";
        Inventory.DateRange? range = null;
        var scope = syncType switch
        {
            SyncType.Full => AriPushScope.All,
            SyncType.Availability => AriPushScope.Availability | AriPushScope.Restrictions,
            SyncType.Pricing => AriPushScope.Rates,
            _ => AriPushScope.None,
        };
        if (scope != AriPushScope.None)
        {
            range = await _engine.MarkWindowDirtyAsync(connection, scope, trigger, cancellationToken).ConfigureAwait(false);
        }

        if (syncType is SyncType.Full or SyncType.Bookings)
        {
            _dirty.RequestReservationPull(new ConnectionKey(tenantId, id), trigger);
        }

        return new SyncRequestResult(id, syncType, jobId, range);
    }

    /// <summary>Reads a connection's sync log, newest first.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="id">The connection id.</param>
    /// <param name="page">Which page.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>One page of rows.</returns>
    public async Task<Page<SyncLogEntry>> GetSyncLogsAsync(string tenantId, Guid id, PageRequest page, CancellationToken cancellationToken = default)
    {
        ValidatePage(page);
        await GetAsync(tenantId, id, cancellationToken).ConfigureAwait(false);
        return await _syncLogs.ListAsync(tenantId, id, page, cancellationToken).ConfigureAwait(false);
    }

    private static void ValidatePage(PageRequest? page)
    {
        if (page is null)
        {
            return;
        }

        var errors = new ValidationErrors();
        if (page.Limit is < 1 or > PageRequest.MaxLimit)
        {
            errors.Add("limit", $"The limit must be between 1 and {PageRequest.MaxLimit}.");
        }

        if (page.Offset < 0)
        {
            errors.Add("offset", "The offset must not be negative.");
        }

        if (page.Cursor is not null && page.Offset != 0)
        {
            errors.Add("cursor", "Use either a cursor or an offset, not both.");
        }

        errors.ThrowIfAny();
    }

    private static void ValidateListingId(string? value, bool required, ValidationErrors errors)
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add("platform_listing_id", "The platform listing id is required.");
            }

            return;
        }

        var v = value.Trim();
        if (v.Length == 0 || v.Length > MaxListingIdLength || v.Any(char.IsControl))
        {
            errors.Add("platform_listing_id", $"The platform listing id must be 1–{MaxListingIdLength} printable characters.");
        }
    }

    /// <summary>The platform's own rules for the listing id and metadata, when its adapter has any (<see cref="IChannelConnectionValidator"/>).</summary>
    private void ValidateForPlatform(Platform platform, string listingId, IReadOnlyDictionary<string, string> metadata, ValidationErrors errors)
    {
        if (!_adapters.TryGet(platform, out var adapter) || adapter is not IChannelConnectionValidator validator)
        {
            return;
        }

        foreach (var (field, messages) in validator.ValidateConnection(listingId, metadata).ToDictionary())
        {
            foreach (var message in messages)
            {
                errors.Add(field, message);
            }
        }
    }

    private static void ValidateToken(string? value, string field, bool required, ValidationErrors errors)
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add(field, "The token is required.");
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxTokenLength || value.Any(char.IsControl))
        {
            errors.Add(field, $"The token must be 1–{MaxTokenLength} printable characters.");
        }
    }

    private static void ValidateMetadata(IReadOnlyDictionary<string, string>? metadata, ValidationErrors errors)
    {
        if (metadata is null)
        {
            return;
        }

        if (metadata.Count > MaxMetadataEntries)
        {
            errors.Add("platform_metadata", $"At most {MaxMetadataEntries} entries are allowed.");
        }

        foreach (var (k, v) in metadata)
        {
            if (string.IsNullOrWhiteSpace(k) || k.Length > 100 || v is null || v.Length > MaxMetadataValueLength)
            {
                errors.Add("platform_metadata", $"Keys must be 1–100 characters and values at most {MaxMetadataValueLength} characters.");
                break;
            }
        }
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
