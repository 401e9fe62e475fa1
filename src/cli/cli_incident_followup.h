/* frontdesk incident review|task|task-done|close: Headquarters' follow-up of a signed report
 * from the command line (the administrator acts as Headquarters). */
#ifndef CLI_CLI_INCIDENT_FOLLOWUP_H
#define CLI_CLI_INCIDENT_FOLLOWUP_H
#include "cli/cli.h"

extern const struct cli_command incident_followup_commands[];
extern const size_t incident_followup_ncommands;

#endif
