CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"scopes" text[] NOT NULL,
	"expires_at" timestamp (3) with time zone,
	"last_used_at" timestamp (3) with time zone,
	"revoked_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_tokens_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "login_failures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"ip" text NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oidc_logins" (
	"state" text PRIMARY KEY NOT NULL,
	"provider_id" uuid NOT NULL,
	"code_verifier" text NOT NULL,
	"nonce" text NOT NULL,
	"return_to" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "oidc_providers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"issuer" text NOT NULL,
	"client_id" text NOT NULL,
	"client_secret_encrypted" text,
	"email_domains" text[] DEFAULT '{}'::text[] NOT NULL,
	"default_role" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "password_resets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"used_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "password_resets_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "recovery_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"org_id" uuid,
	"csrf_token" text NOT NULL,
	"mfa_verified" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"ip" text,
	"user_agent" text,
	"auth_method" text DEFAULT 'password' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_head" (
	"id" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"org_id" uuid,
	"actor_user_id" uuid,
	"actor_label" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"at" timestamp (3) with time zone NOT NULL,
	"ip" text,
	"user_agent" text,
	"before" jsonb,
	"after" jsonb,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"run_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"locked_by" text,
	"locked_at" timestamp (3) with time zone,
	"last_error" text,
	"completed_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"dispatched_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "schedules" (
	"name" text PRIMARY KEY NOT NULL,
	"job_name" text NOT NULL,
	"every_seconds" integer NOT NULL,
	"next_run_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mail_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid,
	"to" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text,
	"template" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"error" text,
	"sent_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stored_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"uploaded_by" uuid,
	"original_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" uuid,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"accepted_at" timestamp (3) with time zone,
	"revoked_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"user_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"role" text NOT NULL,
	"office" text,
	"management_body" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_user_id_org_id_pk" PRIMARY KEY("user_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "organisation_relationships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"from_org_id" uuid NOT NULL,
	"to_org_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"ipa_code" text,
	"fiscal_code" text,
	"require_admin_mfa" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text,
	"locale" text DEFAULT 'it' NOT NULL,
	"totp_secret" text,
	"totp_enabled_at" timestamp (3) with time zone,
	"totp_last_step" integer,
	"disabled_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_answer_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"requirement_id" text NOT NULL,
	"author_id" uuid,
	"author_name" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_answers" (
	"assessment_id" uuid NOT NULL,
	"requirement_id" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"current_maturity" integer,
	"target_maturity" integer,
	"notes" text,
	"derived" boolean DEFAULT false NOT NULL,
	"answered_by" uuid,
	"answered_at" timestamp (3) with time zone,
	CONSTRAINT "assessment_answers_assessment_id_requirement_id_pk" PRIMARY KEY("assessment_id","requirement_id")
);
--> statement-breakpoint
CREATE TABLE "assessment_assignees" (
	"assessment_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"requirement_ids" text[],
	CONSTRAINT "assessment_assignees_assessment_id_user_id_pk" PRIMARY KEY("assessment_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "assessment_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"requirement_id" text NOT NULL,
	"title" text NOT NULL,
	"url" text,
	"file_id" uuid,
	"expires_on" text,
	"added_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"framework_id" text NOT NULL,
	"level" text,
	"scope_service" text,
	"title" text NOT NULL,
	"target_date" text,
	"owner_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"approved_by" uuid,
	"approved_by_name" text,
	"approved_at" timestamp (3) with time zone,
	"shared_upward" boolean DEFAULT false NOT NULL,
	"previous_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisation_frameworks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"framework_id" text NOT NULL,
	"kind" text NOT NULL,
	"version" text NOT NULL,
	"catalog" jsonb NOT NULL,
	"source_format" text NOT NULL,
	"file_name" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "action_dependencies" (
	"action_id" uuid NOT NULL,
	"depends_on_id" uuid NOT NULL,
	CONSTRAINT "action_dependencies_action_id_depends_on_id_pk" PRIMARY KEY("action_id","depends_on_id")
);
--> statement-breakpoint
CREATE TABLE "action_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"title" text NOT NULL,
	"url" text,
	"file_id" uuid,
	"added_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "action_gaps" (
	"action_id" uuid NOT NULL,
	"assessment_id" uuid NOT NULL,
	"requirement_id" text NOT NULL,
	CONSTRAINT "action_gaps_action_id_assessment_id_requirement_id_pk" PRIMARY KEY("action_id","assessment_id","requirement_id")
);
--> statement-breakpoint
CREATE TABLE "action_risks" (
	"action_id" uuid NOT NULL,
	"risk_id" uuid NOT NULL,
	CONSTRAINT "action_risks_action_id_risk_id_pk" PRIMARY KEY("action_id","risk_id")
);
--> statement-breakpoint
CREATE TABLE "improvement_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"csf_function" text NOT NULL,
	"owner_org_id" uuid NOT NULL,
	"owner_user_id" uuid,
	"derived_score" integer DEFAULT 0 NOT NULL,
	"derived_priority" text DEFAULT 'low' NOT NULL,
	"priority_override" text,
	"priority_override_reason" text,
	"effort" text,
	"estimated_cost_cents" bigint,
	"start_on" text,
	"due_on" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"completed_at" timestamp (3) with time zone,
	"late_notified_for" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_gaps" (
	"risk_id" uuid NOT NULL,
	"assessment_id" uuid NOT NULL,
	"requirement_id" text NOT NULL,
	CONSTRAINT "risk_gaps_risk_id_assessment_id_requirement_id_pk" PRIMARY KEY("risk_id","assessment_id","requirement_id")
);
--> statement-breakpoint
CREATE TABLE "risk_matrices" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"likelihood_steps" integer NOT NULL,
	"impact_steps" integer NOT NULL,
	"likelihood_labels" jsonb NOT NULL,
	"impact_labels" jsonb NOT NULL,
	"cells" jsonb NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_score_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"risk_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"level_before" text,
	"level_after" text,
	"changed_by" uuid,
	"changed_by_name" text,
	"reason" text,
	"changed_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"threat_id" text NOT NULL,
	"affected_services" text,
	"owner_id" uuid,
	"inherent" jsonb NOT NULL,
	"current" jsonb,
	"residual" jsonb,
	"inherent_likelihood" integer NOT NULL,
	"inherent_impact" integer NOT NULL,
	"inherent_level" text NOT NULL,
	"current_likelihood" integer,
	"current_impact" integer,
	"current_level" text,
	"residual_likelihood" integer,
	"residual_impact" integer,
	"residual_level" text,
	"treatment" text,
	"treatment_notes" text,
	"accepted_by" uuid,
	"accepted_by_name" text,
	"acceptance_reason" text,
	"acceptance_expires_on" text,
	"status" text DEFAULT 'open' NOT NULL,
	"review_every_months" integer DEFAULT 12 NOT NULL,
	"next_review_on" text,
	"last_reviewed_at" timestamp (3) with time zone,
	"review_reminder_sent_on" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roadmap_calendar_feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"acting_org_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "intel_advisories" (
	"item_id" uuid PRIMARY KEY NOT NULL,
	"summary" text NOT NULL,
	"severity" text NOT NULL,
	"cve_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"patches" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"mitigations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"references" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intel_advisory_indicators" (
	"advisory_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	CONSTRAINT "intel_advisory_indicators_advisory_id_indicator_id_pk" PRIMARY KEY("advisory_id","indicator_id")
);
--> statement-breakpoint
CREATE TABLE "intel_advisory_products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"vendor" text NOT NULL,
	"product" text NOT NULL,
	"version_start_including" text,
	"version_start_excluding" text,
	"version_end_including" text,
	"version_end_excluding" text,
	"cpe" text
);
--> statement-breakpoint
CREATE TABLE "intel_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"stix_id" text NOT NULL,
	"body" text NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"author_org_id" uuid,
	"author_user_id" uuid,
	"author_name" text,
	"author_org_name" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intel_communities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"created_by_org_id" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intel_community_members" (
	"community_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intel_community_members_community_id_org_id_pk" PRIMARY KEY("community_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "intel_community_moderators" (
	"community_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "intel_community_moderators_community_id_user_id_pk" PRIMARY KEY("community_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "intel_experience_reports" (
	"item_id" uuid PRIMARY KEY NOT NULL,
	"attack_type" text NOT NULL,
	"entry_vector" text,
	"impact" text,
	"time_to_recover_hours" integer,
	"detection" text,
	"what_worked" text,
	"lessons" text,
	"narrative" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intel_indicators" (
	"item_id" uuid PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"value" text NOT NULL,
	"first_seen" timestamp (3) with time zone,
	"last_seen" timestamp (3) with time zone,
	"confidence" integer,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "intel_item_communities" (
	"item_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	CONSTRAINT "intel_item_communities_item_id_community_id_pk" PRIMARY KEY("item_id","community_id")
);
--> statement-breakpoint
CREATE TABLE "intel_item_recipient_orgs" (
	"item_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	CONSTRAINT "intel_item_recipient_orgs_item_id_org_id_pk" PRIMARY KEY("item_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "intel_item_recipient_users" (
	"item_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "intel_item_recipient_users_item_id_user_id_pk" PRIMARY KEY("item_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "intel_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"stix_id" text NOT NULL,
	"tlp" text NOT NULL,
	"status" text DEFAULT 'published' NOT NULL,
	"title" text NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"author_org_id" uuid,
	"author_user_id" uuid,
	"author_tag" text,
	"edit_key_hash" text,
	"providers_allowed" boolean DEFAULT false NOT NULL,
	"valid_until" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"modified_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"revoked" boolean DEFAULT false NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('italian', "intel_items"."title" || ' ' || "intel_items"."search_text") || to_tsvector('english', "intel_items"."title" || ' ' || "intel_items"."search_text")) STORED
);
--> statement-breakpoint
CREATE TABLE "intel_sightings" (
	"item_id" uuid NOT NULL,
	"sighter_tag" text NOT NULL,
	"count" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "intel_sightings_item_id_sighter_tag_pk" PRIMARY KEY("item_id","sighter_tag")
);
--> statement-breakpoint
CREATE TABLE "intel_advisory_matches" (
	"item_id" uuid PRIMARY KEY NOT NULL,
	"matched_version" timestamp (3) with time zone NOT NULL,
	"matched_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intel_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"matched" text[] NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp (3) with time zone,
	"read_by" uuid,
	"mailed_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "intel_org_products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"vendor" text NOT NULL,
	"product" text NOT NULL,
	"version" text,
	"cpe" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intel_webhooks" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"secret_sealed" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intel_item_stix" (
	"item_id" uuid PRIMARY KEY NOT NULL,
	"pattern" text,
	"pattern_type" text,
	"pattern_version" text,
	"added_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intel_taxii_statuses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid,
	"user_id" uuid,
	"community_id" uuid,
	"status" text NOT NULL,
	"total_count" integer NOT NULL,
	"successes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"failures" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"pendings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"request_timestamp" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "academy_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"user_id" uuid NOT NULL,
	"org_id" uuid,
	"path_id" uuid NOT NULL,
	"path_slug" text NOT NULL,
	"learner_name" text NOT NULL,
	"path_title" text NOT NULL,
	"minutes" integer DEFAULT 0 NOT NULL,
	"issued_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "academy_paths" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"language" text NOT NULL,
	"version" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"owner_org_id" uuid,
	"visibility" text DEFAULT 'public' NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"level" text NOT NULL,
	"audiences" text[] NOT NULL,
	"content" jsonb NOT NULL,
	"published_at" timestamp (3) with time zone,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "academy_progress" (
	"user_id" uuid NOT NULL,
	"path_slug" text NOT NULL,
	"kind" text NOT NULL,
	"item_id" text NOT NULL,
	"path_id" uuid NOT NULL,
	"status" text NOT NULL,
	"score" real,
	"completed_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "academy_progress_user_id_path_slug_kind_item_id_pk" PRIMARY KEY("user_id","path_slug","kind","item_id")
);
--> statement-breakpoint
CREATE TABLE "academy_quiz_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"org_id" uuid,
	"path_id" uuid NOT NULL,
	"path_slug" text NOT NULL,
	"quiz_id" text NOT NULL,
	"question_ids" text[] NOT NULL,
	"started_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"deadline_at" timestamp (3) with time zone,
	"submitted_at" timestamp (3) with time zone,
	"score" real,
	"passed" boolean,
	"answers" jsonb
);
--> statement-breakpoint
CREATE TABLE "xapi_statements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"org_id" uuid,
	"verb" text NOT NULL,
	"object_id" text NOT NULL,
	"statement" jsonb NOT NULL,
	"stored" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "academy_assignment_learners" (
	"assignment_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"assigned_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"reminded_at" timestamp (3) with time zone,
	"overdue_notified_at" timestamp (3) with time zone,
	CONSTRAINT "academy_assignment_learners_assignment_id_user_id_pk" PRIMARY KEY("assignment_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "academy_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"path_slug" text NOT NULL,
	"path_title" text NOT NULL,
	"target" jsonb NOT NULL,
	"follows_members" boolean DEFAULT true NOT NULL,
	"due_on" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "academy_editors" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"granted_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "academy_path_media" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"path_id" uuid NOT NULL,
	"name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "academy_scorm_packages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_org_id" uuid,
	"title" text NOT NULL,
	"launch" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"files" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "academy_scorm_results" (
	"user_id" uuid NOT NULL,
	"package_id" uuid NOT NULL,
	"org_id" uuid,
	"lesson_status" text NOT NULL,
	"score_raw" real,
	"completed_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "academy_scorm_results_user_id_package_id_pk" PRIMARY KEY("user_id","package_id")
);
--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_relationships" ADD CONSTRAINT "organisation_relationships_from_org_id_organisations_id_fk" FOREIGN KEY ("from_org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_relationships" ADD CONSTRAINT "organisation_relationships_to_org_id_organisations_id_fk" FOREIGN KEY ("to_org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_answer_comments" ADD CONSTRAINT "assessment_answer_comments_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_answer_comments" ADD CONSTRAINT "assessment_answer_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_answers" ADD CONSTRAINT "assessment_answers_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_answers" ADD CONSTRAINT "assessment_answers_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_assignees" ADD CONSTRAINT "assessment_assignees_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_assignees" ADD CONSTRAINT "assessment_assignees_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_evidence" ADD CONSTRAINT "assessment_evidence_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_evidence" ADD CONSTRAINT "assessment_evidence_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_evidence" ADD CONSTRAINT "assessment_evidence_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_frameworks" ADD CONSTRAINT "organisation_frameworks_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_frameworks" ADD CONSTRAINT "organisation_frameworks_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_dependencies" ADD CONSTRAINT "action_dependencies_action_id_improvement_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."improvement_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_dependencies" ADD CONSTRAINT "action_dependencies_depends_on_id_improvement_actions_id_fk" FOREIGN KEY ("depends_on_id") REFERENCES "public"."improvement_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_evidence" ADD CONSTRAINT "action_evidence_action_id_improvement_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."improvement_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_evidence" ADD CONSTRAINT "action_evidence_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_evidence" ADD CONSTRAINT "action_evidence_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_gaps" ADD CONSTRAINT "action_gaps_action_id_improvement_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."improvement_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_gaps" ADD CONSTRAINT "action_gaps_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_risks" ADD CONSTRAINT "action_risks_action_id_improvement_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."improvement_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_risks" ADD CONSTRAINT "action_risks_risk_id_risks_id_fk" FOREIGN KEY ("risk_id") REFERENCES "public"."risks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD CONSTRAINT "improvement_actions_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD CONSTRAINT "improvement_actions_owner_org_id_organisations_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "improvement_actions" ADD CONSTRAINT "improvement_actions_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_gaps" ADD CONSTRAINT "risk_gaps_risk_id_risks_id_fk" FOREIGN KEY ("risk_id") REFERENCES "public"."risks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_gaps" ADD CONSTRAINT "risk_gaps_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_matrices" ADD CONSTRAINT "risk_matrices_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_score_changes" ADD CONSTRAINT "risk_score_changes_risk_id_risks_id_fk" FOREIGN KEY ("risk_id") REFERENCES "public"."risks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_score_changes" ADD CONSTRAINT "risk_score_changes_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risks" ADD CONSTRAINT "risks_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_calendar_feeds" ADD CONSTRAINT "roadmap_calendar_feeds_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_calendar_feeds" ADD CONSTRAINT "roadmap_calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_calendar_feeds" ADD CONSTRAINT "roadmap_calendar_feeds_acting_org_id_organisations_id_fk" FOREIGN KEY ("acting_org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_advisories" ADD CONSTRAINT "intel_advisories_item_id_intel_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."intel_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_advisory_indicators" ADD CONSTRAINT "intel_advisory_indicators_advisory_id_intel_items_id_fk" FOREIGN KEY ("advisory_id") REFERENCES "public"."intel_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_advisory_indicators" ADD CONSTRAINT "intel_advisory_indicators_indicator_id_intel_items_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."intel_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_advisory_products" ADD CONSTRAINT "intel_advisory_products_item_id_intel_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."intel_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_comments" ADD CONSTRAINT "intel_comments_item_id_intel_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."intel_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_comments" ADD CONSTRAINT "intel_comments_author_org_id_organisations_id_fk" FOREIGN KEY ("author_org_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_comments" ADD CONSTRAINT "intel_comments_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_communities" ADD CONSTRAINT "intel_communities_created_by_org_id_organisations_id_fk" FOREIGN KEY ("created_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_community_members" ADD CONSTRAINT "intel_community_members_community_id_intel_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."intel_communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_community_members" ADD CONSTRAINT "intel_community_members_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_community_moderators" ADD CONSTRAINT "intel_community_moderators_community_id_intel_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."intel_communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_community_moderators" ADD CONSTRAINT "intel_community_moderators_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_experience_reports" ADD CONSTRAINT "intel_experience_reports_item_id_intel_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."intel_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_indicators" ADD CONSTRAINT "intel_indicators_item_id_intel_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."intel_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_item_communities" ADD CONSTRAINT "intel_item_communities_item_id_intel_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."intel_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_item_communities" ADD CONSTRAINT "intel_item_communities_community_id_intel_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."intel_communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_item_recipient_orgs" ADD CONSTRAINT "intel_item_recipient_orgs_item_id_intel_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."intel_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_item_recipient_orgs" ADD CONSTRAINT "intel_item_recipient_orgs_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_item_recipient_users" ADD CONSTRAINT "intel_item_recipient_users_item_id_intel_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."intel_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_item_recipient_users" ADD CONSTRAINT "intel_item_recipient_users_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_items" ADD CONSTRAINT "intel_items_author_org_id_organisations_id_fk" FOREIGN KEY ("author_org_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_items" ADD CONSTRAINT "intel_items_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_sightings" ADD CONSTRAINT "intel_sightings_item_id_intel_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."intel_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_advisory_matches" ADD CONSTRAINT "intel_advisory_matches_item_id_intel_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."intel_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_alerts" ADD CONSTRAINT "intel_alerts_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_alerts" ADD CONSTRAINT "intel_alerts_item_id_intel_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."intel_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_alerts" ADD CONSTRAINT "intel_alerts_read_by_users_id_fk" FOREIGN KEY ("read_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_org_products" ADD CONSTRAINT "intel_org_products_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_webhooks" ADD CONSTRAINT "intel_webhooks_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_item_stix" ADD CONSTRAINT "intel_item_stix_item_id_intel_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."intel_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_taxii_statuses" ADD CONSTRAINT "intel_taxii_statuses_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_taxii_statuses" ADD CONSTRAINT "intel_taxii_statuses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intel_taxii_statuses" ADD CONSTRAINT "intel_taxii_statuses_community_id_intel_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."intel_communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_certificates" ADD CONSTRAINT "academy_certificates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_certificates" ADD CONSTRAINT "academy_certificates_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_certificates" ADD CONSTRAINT "academy_certificates_path_id_academy_paths_id_fk" FOREIGN KEY ("path_id") REFERENCES "public"."academy_paths"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_paths" ADD CONSTRAINT "academy_paths_owner_org_id_organisations_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_paths" ADD CONSTRAINT "academy_paths_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_progress" ADD CONSTRAINT "academy_progress_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_progress" ADD CONSTRAINT "academy_progress_path_id_academy_paths_id_fk" FOREIGN KEY ("path_id") REFERENCES "public"."academy_paths"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_quiz_attempts" ADD CONSTRAINT "academy_quiz_attempts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_quiz_attempts" ADD CONSTRAINT "academy_quiz_attempts_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_quiz_attempts" ADD CONSTRAINT "academy_quiz_attempts_path_id_academy_paths_id_fk" FOREIGN KEY ("path_id") REFERENCES "public"."academy_paths"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xapi_statements" ADD CONSTRAINT "xapi_statements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xapi_statements" ADD CONSTRAINT "xapi_statements_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_assignment_learners" ADD CONSTRAINT "academy_assignment_learners_assignment_id_academy_assignments_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."academy_assignments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_assignment_learners" ADD CONSTRAINT "academy_assignment_learners_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_assignment_learners" ADD CONSTRAINT "academy_assignment_learners_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_assignments" ADD CONSTRAINT "academy_assignments_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_assignments" ADD CONSTRAINT "academy_assignments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_editors" ADD CONSTRAINT "academy_editors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_path_media" ADD CONSTRAINT "academy_path_media_path_id_academy_paths_id_fk" FOREIGN KEY ("path_id") REFERENCES "public"."academy_paths"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_scorm_packages" ADD CONSTRAINT "academy_scorm_packages_owner_org_id_organisations_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_scorm_packages" ADD CONSTRAINT "academy_scorm_packages_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_scorm_results" ADD CONSTRAINT "academy_scorm_results_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_scorm_results" ADD CONSTRAINT "academy_scorm_results_package_id_academy_scorm_packages_id_fk" FOREIGN KEY ("package_id") REFERENCES "public"."academy_scorm_packages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "academy_scorm_results" ADD CONSTRAINT "academy_scorm_results_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_tokens_org" ON "api_tokens" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "login_failures_email" ON "login_failures" USING btree ("email","at");--> statement-breakpoint
CREATE INDEX "login_failures_ip" ON "login_failures" USING btree ("ip","at");--> statement-breakpoint
CREATE INDEX "oidc_providers_org" ON "oidc_providers" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "oidc_providers_domains" ON "oidc_providers" USING gin ("email_domains");--> statement-breakpoint
CREATE INDEX "password_resets_user" ON "password_resets" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "recovery_codes_user" ON "recovery_codes" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_user" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "audit_log_org" ON "audit_log" USING btree ("org_id","seq");--> statement-breakpoint
CREATE INDEX "jobs_due" ON "jobs" USING btree ("status","run_at");--> statement-breakpoint
CREATE INDEX "outbox_events_pending" ON "outbox_events" USING btree ("dispatched_at","id");--> statement-breakpoint
CREATE INDEX "mail_messages_org" ON "mail_messages" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "stored_files_org" ON "stored_files" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_token_key" ON "invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "invitations_org" ON "invitations" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "memberships_org" ON "memberships" USING btree ("org_id","created_at","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organisation_relationships_unique" ON "organisation_relationships" USING btree ("kind","from_org_id","to_org_id");--> statement-breakpoint
CREATE INDEX "organisation_relationships_to" ON "organisation_relationships" USING btree ("to_org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_ipa_code_key" ON "organisations" USING btree ("ipa_code");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree ("email");--> statement-breakpoint
CREATE INDEX "assessment_answer_comments_idx" ON "assessment_answer_comments" USING btree ("assessment_id","requirement_id","created_at");--> statement-breakpoint
CREATE INDEX "assessment_evidence_idx" ON "assessment_evidence" USING btree ("assessment_id","requirement_id");--> statement-breakpoint
CREATE INDEX "assessments_org_idx" ON "assessments" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "organisation_frameworks_org_framework_idx" ON "organisation_frameworks" USING btree ("org_id","framework_id");--> statement-breakpoint
CREATE INDEX "action_dependencies_on_idx" ON "action_dependencies" USING btree ("depends_on_id");--> statement-breakpoint
CREATE INDEX "action_evidence_idx" ON "action_evidence" USING btree ("action_id");--> statement-breakpoint
CREATE INDEX "action_gaps_gap_idx" ON "action_gaps" USING btree ("assessment_id","requirement_id");--> statement-breakpoint
CREATE INDEX "action_risks_risk_idx" ON "action_risks" USING btree ("risk_id");--> statement-breakpoint
CREATE INDEX "improvement_actions_number_idx" ON "improvement_actions" USING btree ("org_id","number");--> statement-breakpoint
CREATE INDEX "improvement_actions_org_idx" ON "improvement_actions" USING btree ("org_id","csf_function","start_on");--> statement-breakpoint
CREATE INDEX "improvement_actions_owner_idx" ON "improvement_actions" USING btree ("owner_org_id","status");--> statement-breakpoint
CREATE INDEX "improvement_actions_due_idx" ON "improvement_actions" USING btree ("org_id","status","due_on");--> statement-breakpoint
CREATE INDEX "risk_score_changes_idx" ON "risk_score_changes" USING btree ("risk_id","changed_at");--> statement-breakpoint
CREATE INDEX "risks_org_idx" ON "risks" USING btree ("org_id","number");--> statement-breakpoint
CREATE INDEX "risks_org_inherent_idx" ON "risks" USING btree ("org_id","inherent_likelihood","inherent_impact");--> statement-breakpoint
CREATE INDEX "risks_review_idx" ON "risks" USING btree ("next_review_on");--> statement-breakpoint
CREATE UNIQUE INDEX "roadmap_calendar_feeds_token_idx" ON "roadmap_calendar_feeds" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "roadmap_calendar_feeds_user_idx" ON "roadmap_calendar_feeds" USING btree ("org_id","user_id");--> statement-breakpoint
CREATE INDEX "intel_advisory_products_item" ON "intel_advisory_products" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "intel_advisory_products_match" ON "intel_advisory_products" USING btree ("vendor","product");--> statement-breakpoint
CREATE INDEX "intel_comments_item" ON "intel_comments" USING btree ("item_id","created_at");--> statement-breakpoint
CREATE INDEX "intel_community_members_org" ON "intel_community_members" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "intel_indicators_lookup" ON "intel_indicators" USING btree ("type","value");--> statement-breakpoint
CREATE INDEX "intel_item_communities_community" ON "intel_item_communities" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "intel_item_recipient_orgs_org" ON "intel_item_recipient_orgs" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "intel_item_recipient_users_user" ON "intel_item_recipient_users" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "intel_items_stix_id" ON "intel_items" USING btree ("stix_id");--> statement-breakpoint
CREATE INDEX "intel_items_list" ON "intel_items" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "intel_items_author" ON "intel_items" USING btree ("author_org_id");--> statement-breakpoint
CREATE INDEX "intel_items_search" ON "intel_items" USING gin ("search_vector");--> statement-breakpoint
CREATE UNIQUE INDEX "intel_alerts_org_item" ON "intel_alerts" USING btree ("org_id","item_id");--> statement-breakpoint
CREATE INDEX "intel_alerts_org_list" ON "intel_alerts" USING btree ("org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "intel_org_products_org" ON "intel_org_products" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "intel_org_products_match" ON "intel_org_products" USING btree ("vendor","product");--> statement-breakpoint
CREATE INDEX "intel_taxii_statuses_user" ON "intel_taxii_statuses" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "academy_certificates_code_key" ON "academy_certificates" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "academy_certificates_learner_key" ON "academy_certificates" USING btree ("user_id","path_slug");--> statement-breakpoint
CREATE UNIQUE INDEX "academy_paths_version_key" ON "academy_paths" USING btree ("slug","language","version");--> statement-breakpoint
CREATE INDEX "academy_paths_status_idx" ON "academy_paths" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "academy_quiz_attempts_learner_idx" ON "academy_quiz_attempts" USING btree ("user_id","path_slug","quiz_id");--> statement-breakpoint
CREATE INDEX "xapi_statements_user_idx" ON "xapi_statements" USING btree ("user_id","stored");--> statement-breakpoint
CREATE INDEX "xapi_statements_org_idx" ON "xapi_statements" USING btree ("org_id","stored");--> statement-breakpoint
CREATE INDEX "academy_assignment_learners_user_idx" ON "academy_assignment_learners" USING btree ("user_id","org_id");--> statement-breakpoint
CREATE INDEX "academy_assignments_org_idx" ON "academy_assignments" USING btree ("org_id","due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "academy_path_media_name_key" ON "academy_path_media" USING btree ("path_id","name");--> statement-breakpoint
CREATE INDEX "academy_scorm_packages_owner_idx" ON "academy_scorm_packages" USING btree ("owner_org_id");