using System.Xml;
using ChannelManager.Adapters.Expedia.Api;
using ChannelManager.Common;
using ChannelManager.Inventory;

namespace ChannelManager.Adapters.Expedia.Ari;

/// <summary>One <c>AvailRateUpdateRQ</c>, ready to post.</summary>
/// <param name="First">Its first night.</param>
/// <param name="Last">Its last night.</param>
/// <param name="Updates">How many updates it carries (nights × the connection's room type/rate plan).</param>
/// <param name="Body">The UTF-8 XML.</param>
internal sealed record AvailRateUpdateMessage(DateOnly First, DateOnly Last, int Updates, byte[] Body);

/// <summary>
/// Turns nights into EQC <c>AvailRateUpdateRQ</c> messages (platforms.md §3), written with <see cref="XmlWriter"/>:
/// per run of consecutive nights with equal values one <c>AvailRateUpdate</c> with <c>DateRange from/to</c> (both
/// inclusive) and <c>RoomType id closed</c> → <c>Inventory totalInventoryAvailable</c> (Availability),
/// <c>RatePlan id</c> → <c>Rate currency/PerDay rate</c> (Rates) and <c>Restrictions minLOS maxLOS closedToArrival
/// closedToDeparture</c> (Restrictions). Nights before <c>earliest</c> or after <c>latest</c> (Expedia takes updates
/// up to 2 years ahead) are left out. A message carries at most <c>maxUpdates</c> updates, counted as nights (one
/// room type and rate plan per connection); a longer push is split into several messages, a run across two.
/// </summary>
internal static class AvailRateUpdateBuilder
{
    /// <summary>The longest stay Expedia's length-of-stay values take (1–28).</summary>
    public const int MaxLengthOfStay = 28;

    public static IReadOnlyList<AvailRateUpdateMessage> Build(
        ExpediaTarget target,
        IReadOnlyList<AriDay> days,
        AriPushScope scope,
        string username,
        string password,
        int maxUpdates,
        DateOnly earliest,
        DateOnly latest)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(days);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxUpdates, 1);
        var ordered = days.Where(d => d.Date >= earliest && d.Date <= latest).OrderBy(d => d.Date).ToArray();
        for (var i = 1; i < ordered.Length; i++)
        {
            if (ordered[i].Date == ordered[i - 1].Date)
            {
                throw new ArgumentException($"The night {ordered[i].Date:yyyy-MM-dd} is given twice.", nameof(days));
            }
        }

        // Runs of consecutive nights with equal state, each cut to fit the message limit.
        var runs = new List<Run>();
        foreach (var day in ordered)
        {
            var state = StateOf(day, scope, target);
            if (state is null)
            {
                continue;
            }

            if (runs.Count > 0 && runs[^1].State == state && runs[^1].Last.AddDays(1) == day.Date && runs[^1].Nights < maxUpdates)
            {
                runs[^1] = runs[^1] with { Last = day.Date };
            }
            else
            {
                runs.Add(new Run(day.Date, day.Date, state));
            }
        }

        // Pack runs into messages of at most maxUpdates updates, splitting a run that does not fit.
        var messages = new List<AvailRateUpdateMessage>();
        var batch = new List<Run>();
        var count = 0;
        foreach (var whole in runs)
        {
            var run = whole;
            while (run is not null)
            {
                var room = maxUpdates - count;
                Run? rest = null;
                if (run.Nights > room)
                {
                    rest = run with { First = run.First.AddDays(room) };
                    run = run with { Last = run.First.AddDays(room - 1) };
                }

                batch.Add(run);
                count += run.Nights;
                if (count == maxUpdates)
                {
                    messages.Add(Message(target, username, password, batch, count));
                    batch = [];
                    count = 0;
                }

                run = rest;
            }
        }

        if (batch.Count > 0)
        {
            messages.Add(Message(target, username, password, batch, count));
        }

        return messages;
    }

    private static NightState? StateOf(AriDay day, AriPushScope scope, ExpediaTarget target)
    {
        bool? closed = null;
        int? inventory = null;
        if (scope.HasFlag(AriPushScope.Availability))
        {
            closed = !day.IsBookable;
            inventory = day.IsBookable ? Math.Max(0, day.AvailableUnits) : 0;
        }

        RateState? rate = null;
        if (scope.HasFlag(AriPushScope.Rates) && day.Rate is { } amount)
        {
            var currency = day.Currency?.Trim().ToUpperInvariant() ?? target.Currency ?? throw new ChannelManagerValidationException(
                "platform_metadata." + ExpediaMetadataKeys.Currency,
                $"The rate of {day.Date:yyyy-MM-dd} has no currency and the connection's platform metadata sets none.");
            rate = new RateState(amount, currency);
        }

        RestrictionState? restrictions = null;
        if (scope.HasFlag(AriPushScope.Restrictions))
        {
            restrictions = new RestrictionState(
                Math.Clamp(day.MinStay ?? 1, 1, MaxLengthOfStay),
                Math.Clamp(day.MaxStay ?? MaxLengthOfStay, 1, MaxLengthOfStay),
                day.ClosedToArrival,
                day.ClosedToDeparture);
        }

        return closed is null && rate is null && restrictions is null ? null : new NightState(closed, inventory, rate, restrictions);
    }

    private static AvailRateUpdateMessage Message(ExpediaTarget target, string username, string password, IReadOnlyList<Run> runs, int updates)
    {
        const string Ns = EqcXml.ArRequestNamespace;
        var body = EqcXml.Write(w =>
        {
            w.WriteStartElement("AvailRateUpdateRQ", Ns);
            EqcXml.WriteAuthentication(w, Ns, username, password);
            w.WriteStartElement("Hotel", Ns);
            w.WriteAttributeString("id", target.HotelId);
            w.WriteEndElement();
            foreach (var run in runs)
            {
                WriteUpdate(w, target, run);
            }

            w.WriteEndElement();
        });
        return new AvailRateUpdateMessage(runs[0].First, runs[^1].Last, updates, body);
    }

    private static void WriteUpdate(XmlWriter w, ExpediaTarget target, Run run)
    {
        const string Ns = EqcXml.ArRequestNamespace;
        var state = run.State;
        w.WriteStartElement("AvailRateUpdate", Ns);
        w.WriteStartElement("DateRange", Ns);
        w.WriteAttributeString("from", EqcXml.Date(run.First));
        w.WriteAttributeString("to", EqcXml.Date(run.Last));
        w.WriteEndElement();
        w.WriteStartElement("RoomType", Ns);
        w.WriteAttributeString("id", target.RoomTypeId);
        if (state.Closed is { } closed)
        {
            w.WriteAttributeString("closed", EqcXml.Bool(closed));
        }

        if (state.Inventory is { } inventory)
        {
            w.WriteStartElement("Inventory", Ns);
            w.WriteAttributeString("totalInventoryAvailable", EqcXml.Int(inventory));
            w.WriteEndElement();
        }

        if (state.Rate is not null || state.Restrictions is not null)
        {
            w.WriteStartElement("RatePlan", Ns);
            w.WriteAttributeString("id", target.RatePlanId!);
            if (state.Rate is { } rate)
            {
                w.WriteStartElement("Rate", Ns);
                w.WriteAttributeString("currency", rate.Currency);
                w.WriteStartElement("PerDay", Ns);
                w.WriteAttributeString("rate", EqcXml.Amount(rate.Amount));
                w.WriteEndElement();
                w.WriteEndElement();
            }

            if (state.Restrictions is { } r)
            {
                w.WriteStartElement("Restrictions", Ns);
                w.WriteAttributeString("minLOS", EqcXml.Int(r.MinLos));
                w.WriteAttributeString("maxLOS", EqcXml.Int(r.MaxLos));
                w.WriteAttributeString("closedToArrival", EqcXml.Bool(r.ClosedToArrival));
                w.WriteAttributeString("closedToDeparture", EqcXml.Bool(r.ClosedToDeparture));
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    private sealed record Run(DateOnly First, DateOnly Last, NightState State)
    {
        public int Nights => Last.DayNumber - First.DayNumber + 1;
    }

    private sealed record NightState(bool? Closed, int? Inventory, RateState? Rate, RestrictionState? Restrictions);

    private sealed record RateState(decimal Amount, string Currency);

    private sealed record RestrictionState(int MinLos, int MaxLos, bool ClosedToArrival, bool ClosedToDeparture);
}
