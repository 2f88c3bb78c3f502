using System.Security.Cryptography;
using ChannelManager.Simulator.State;

namespace ChannelManager.Simulator.Google;

/// <summary>The simulated Google's access tokens. Calendars live in <see cref="SimulatorState"/> under <c>Platform.Google</c>, keyed by <c>HotelCode</c>.</summary>
public sealed class GoogleState
{
    private readonly SimulatorState _owner;
    private readonly Dictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private int _tokenExchanges;

    internal GoogleState(SimulatorState owner) => _owner = owner;

    /// <summary>How many access tokens the token endpoint issued.</summary>
    public int TokenExchanges => Volatile.Read(ref _tokenExchanges);

    /// <summary>Makes every issued access token invalid (calls with one answer 401).</summary>
    public void ExpireTokens()
    {
        lock (_owner.Gate)
        {
            _tokens.Clear();
        }
    }

    internal string IssueToken(TimeSpan lifetime)
    {
        var token = "ya29.sim-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        lock (_owner.Gate)
        {
            _tokens[token] = _owner.TimeProvider.GetUtcNow() + lifetime;
        }

        Interlocked.Increment(ref _tokenExchanges);
        return token;
    }

    internal bool IsTokenValid(string token)
    {
        lock (_owner.Gate)
        {
            return _tokens.TryGetValue(token, out var expires) && _owner.TimeProvider.GetUtcNow() < expires && _owner.IsTokenValid(token);
        }
    }

    internal void ClearUnderLock() => _tokens.Clear();
}
