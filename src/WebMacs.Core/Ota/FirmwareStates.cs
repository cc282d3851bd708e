using WebMacs.Common;
using WebMacs.Domain;

namespace WebMacs.Ota;

/// <summary>
/// The firmware record state machine (reference §6.8): pending → downloading | completed | failed;
/// downloading → verifying | failed; verifying → applying | failed; applying → completed | failed;
/// completed → rolled_back; failed → pending; rolled_back → pending.
/// </summary>
internal static class FirmwareStates
{
    public static bool CanMove(UpdateStatus from, UpdateStatus to) => from switch
    {
        UpdateStatus.Pending => to is UpdateStatus.Downloading or UpdateStatus.Completed or UpdateStatus.Failed,
        UpdateStatus.Downloading => to is UpdateStatus.Verifying or UpdateStatus.Failed,
        UpdateStatus.Verifying => to is UpdateStatus.Applying or UpdateStatus.Failed,
        UpdateStatus.Applying => to is UpdateStatus.Completed or UpdateStatus.Failed,
        UpdateStatus.Completed => to is UpdateStatus.RolledBack,
        UpdateStatus.Failed or UpdateStatus.RolledBack => to is UpdateStatus.Pending,
        _ => false,
    };

    /// <summary>Moves <paramref name="update"/> to <paramref name="to"/>, or returns the original's 409 when the move is not allowed.</summary>
    public static Outcome Move(FirmwareUpdate update, UpdateStatus to)
    {
        if (!CanMove(update.Status, to))
        {
            return new Outcome(OutcomeStatus.Conflict,
                $"Cannot transition from '{WireEnum<UpdateStatus>.ToWire(update.Status)}' to '{WireEnum<UpdateStatus>.ToWire(to)}'");
        }

        update.Status = to;
        return Outcome.Ok;
    }
}
