using Microsoft.Extensions.Options;

namespace WebMacs.Configuration;

[OptionsValidator]
internal sealed partial class WebMacsOptionsValidator : IValidateOptions<WebMacsOptions>;
