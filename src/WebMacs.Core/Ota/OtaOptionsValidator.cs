using Microsoft.Extensions.Options;

namespace WebMacs.Ota;

[OptionsValidator]
internal sealed partial class OtaOptionsValidator : IValidateOptions<OtaOptions>;
