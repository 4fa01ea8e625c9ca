using Parley.Core.Ids;

namespace Parley.Server.Delivery;

/// <summary>This process among the nodes sharing a database: a fresh id per start, so a restarted node is a new owner.</summary>
internal sealed class NodeIdentity
{
    public string Id { get; } = Environment.MachineName + "-" + Environment.ProcessId + "-" + MessageIds.RandomToken(6);
}
