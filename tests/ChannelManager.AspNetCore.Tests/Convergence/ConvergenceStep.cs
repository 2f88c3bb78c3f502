using System.Globalization;
using System.Text;
using ChannelManager.Testing.PmsHistories;

namespace ChannelManager.AspNetCore.Tests.Convergence;

/// <summary>
/// One step of a random PMS history (see <see cref="PmsStep"/>), delivered as the step says and besides: a duplicate
/// carries the same event id, or a new one when <see cref="DuplicateWithNewId"/>; <see cref="Fault"/> is injected
/// into the simulator just before the first delivery.
/// </summary>
internal sealed record ConvergenceStep : PmsStep
{
    public ConvergenceStep(PmsStep step)
        : base(step)
    {
    }

    public bool DuplicateWithNewId { get; init; }

    public InjectedFault Fault { get; init; }

    public override string ToString()
    {
        var s = new StringBuilder(base.ToString());
        if (DuplicateAfter is not null && DuplicateWithNewId)
        {
            s.Append(" [new event id]");
        }

        if (Fault != InjectedFault.None)
        {
            s.Append(CultureInfo.InvariantCulture, $" [airbnb: {Fault}]");
        }

        return s.ToString();
    }
}
