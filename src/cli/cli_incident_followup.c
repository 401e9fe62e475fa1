/* frontdesk incident review ID, incident task ID, incident task-done TASK and incident close
 * ID: the follow-up of a signed report (service/incident_followup.c), each printing the
 * report's follow-up as it stands after. */
#include <stddef.h>
#include <stdio.h>

#include "cli/cli_incident_followup.h"
#include "service/incident_followup.h"

static int review_cmd(struct cli *c);
static int task_cmd(struct cli *c);
static int task_done_cmd(struct cli *c);
static int close_cmd(struct cli *c);

const struct cli_command incident_followup_commands[] = {
	{"incident review", review_cmd, "incident review ID [--note TEXT]",
	 "Records Headquarters' review of a signed report."},
	{"incident task", task_cmd,
	 "incident task ID --kind KIND --owner LOGIN --due-on DATE [--description TEXT]",
	 "Gives a signed report a follow-up task (repair, camera_footage, trespass_letter, "
	 "other); its owner is emailed it."},
	{"incident task-done", task_done_cmd, "incident task-done TASK [--note TEXT]",
	 "Marks a follow-up task done."},
	{"incident close", close_cmd, "incident close ID [--note TEXT]",
	 "Closes a reviewed report whose follow-up tasks are done."},
};
const size_t incident_followup_ncommands =
	sizeof incident_followup_commands / sizeof incident_followup_commands[0];

/* A report's (or a task's) id and a note: review, task-done and close. */
struct noted {
	int64_t id;
	const char *note;
};
#define NOTED(member) .offset = offsetof(struct noted, member)
static const struct input_field report_fields[] = {
	{"id", "Report", INPUT_ID, true, NOTED(id)},
	{"note", "Note", INPUT_LINES, false, 0, 5000, NOTED(note)},
};
static const struct input_field task_id_fields[] = {
	{"id", "Task", INPUT_ID, true, NOTED(id)},
	{"note", "Note", INPUT_LINES, false, 0, 5000, NOTED(note)},
};
static const struct input_table report_table = INPUT_TABLE(report_fields);
static const struct input_table task_id_table = INPUT_TABLE(task_id_fields);

/* A report's id and the task to give it, as task_table reads it for the API and the form. */
struct task_cmd_input {
	int64_t id;
	struct task_input task;
};
#define TASK(member) .offset = offsetof(struct task_cmd_input, task.member)
static const struct input_field task_fields[] = {
	{"id", "Report", INPUT_ID, true, .offset = offsetof(struct task_cmd_input, id)},
	{"kind", "Kind", INPUT_ENUM, true, .vocab = &vocab_task_kind, TASK(kind)},
	{"description", "Description", INPUT_LINES, false, 0, 2000, TASK(description)},
	{"owner", "Owner", INPUT_TOKEN, true, 2, 32, "._-", TASK(owner)},
	{"due_on", "Due on", INPUT_DATE, true, TASK(due_on)},
};
static const struct input_table task_cmd_table = INPUT_TABLE(task_fields);

static void print_followup(const struct incident_view *v)
{
	const struct incident_followup *f = &v->followup;
	printf("incident %lld: %s, %s\n", (long long)v->i.id,
	       f->reviewed_at ? "reviewed" : "not reviewed", f->closed_at ? "closed" : "open");
	for (size_t k = 0; k < f->ntasks; k++) {
		const struct incident_task *t = &f->tasks[k];
		printf("  task %lld: %s, %s, due %s%s\n", (long long)t->id, task_kind_name(t->kind),
		       t->owner.login ? t->owner.login : "-", t->due_on,
		       t->done_at ? ", done" : "");
	}
}

enum step { STEP_REVIEW, STEP_TASK_DONE, STEP_CLOSE };
struct step_run {
	enum step step;
	const struct noted *in;
};

static int run_step(struct svc *s, void *arg, struct fd_error *err)
{
	const struct step_run *r = arg;
	struct incident_view v;
	int rc;
	switch (r->step) {
	case STEP_REVIEW: rc = incident_review(s, r->in->id, r->in->note, &v, err); break;
	case STEP_TASK_DONE: rc = incident_task_done(s, r->in->id, r->in->note, &v, err); break;
	default: rc = incident_close(s, r->in->id, r->in->note, &v, err); break;
	}
	if (!rc)
		print_followup(&v);
	return rc;
}

static int noted_cmd(struct cli *c, enum step step, const struct cli_command *cmd,
		     const struct input_table *table)
{
	static const char *const words[] = {"id", NULL};
	struct cli_args args = {.table = table, .words = words};
	struct noted in = {0};
	int rc = cli_input(c, cmd, &args, &in);
	struct step_run run = {step, &in};
	return rc >= 0 ? rc : cli_run(c, run_step, &run);
}

static int review_cmd(struct cli *c)
{
	return noted_cmd(c, STEP_REVIEW, &incident_followup_commands[0], &report_table);
}

static int task_done_cmd(struct cli *c)
{
	return noted_cmd(c, STEP_TASK_DONE, &incident_followup_commands[2], &task_id_table);
}

static int close_cmd(struct cli *c)
{
	return noted_cmd(c, STEP_CLOSE, &incident_followup_commands[3], &report_table);
}

static int add_task(struct svc *s, void *arg, struct fd_error *err)
{
	const struct task_cmd_input *in = arg;
	struct incident_view v;
	if (incident_task_add(s, in->id, &in->task, &v, err))
		return -1;
	print_followup(&v);
	return 0;
}

static int task_cmd(struct cli *c)
{
	static const char *const words[] = {"id", NULL};
	struct cli_args args = {.table = &task_cmd_table, .words = words};
	struct task_cmd_input in = {0};
	int rc = cli_input(c, &incident_followup_commands[1], &args, &in);
	return rc >= 0 ? rc : cli_run(c, add_task, &in);
}
