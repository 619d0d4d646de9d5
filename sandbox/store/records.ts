/**
 * Ground floor of the store: the records the store returns, as the API sends them (timestamps ISO-8601 in
 * the account's UTC offset, money as decimal strings). Types and their vocabularies only: every resource
 * module and the routes read them; this module imports nothing.
 */

export const JOB_STATUSES = ['new', 'unscheduled', 'scheduled', 'in_progress', 'on_hold', 'complete', 'canceled'] as const;
/** `won` and `lost` end an opportunity (a job whose status is `new`): set only by its mark_as_won / mark_as_lost [inf]. */
export type JobStatus = (typeof JOB_STATUSES)[number] | 'won' | 'lost';

export type EmployeeRecord = {
	id: number;
	employee_number: number;
	first_name: string;
	last_name: string;
	email: string | null;
	is_active: boolean;
};

/**
 * An employee as `/employees.json` sends it: the documented keys (`name`, `username`, `email_address`,
 * `active`, `admin`, ...) beside the short record's, and the login secrets `password_salt` and
 * `encrypted_password` [doc] that no output of the node may show.
 */
export type EmployeeFullRecord = EmployeeRecord & {
	name: string;
	username: string;
	email_address: string | null;
	active: boolean;
	admin: boolean;
	limit_access_to_assignments: boolean;
	account_id: number;
	time_zone: string;
	password_salt: string;
	encrypted_password: string;
};

export type JobTypeRecord = { id: number; name: string };

export type CustomerRecord = {
	id: number;
	customer_number: number;
	name: string;
	company: boolean;
	company_name: string | null;
	first_name: string | null;
	last_name: string | null;
	contact: string | null;
	alt_contact: string | null;
	is_active: boolean;
	email_address: string | null;
	phone_number: string | null;
	mobile: string | null;
	fax: string | null;
	alt_phone_number: string | null;
	service_address: string | null;
	service_address_2: string | null;
	service_city: string | null;
	service_state: string | null;
	service_zip_code: string | null;
	service_country: string | null;
	billing_address: string | null;
	billing_address_2: string | null;
	billing_city: string | null;
	billing_state: string | null;
	billing_zip_code: string | null;
	billing_country: string | null;
	customer_type_id: number | null;
	customer_source_id: number | null;
	account_number: string | null;
	notify_via_email: boolean;
	notify_via_sms: boolean;
	balance: string;
	created_at: string;
	updated_at: string;
	// secrets / legacy keys a simplified output must never show
	token: string;
	password_digest: string;
	stripe_customer_id: string;
	qbo_customer_ref_id: string;
	qb_list_ref_id: string;
};

export type CustomerRef = { id: number; customer_number: number; name: string };

/** A charge as a job record embeds it. */
export type JobChargeRecord = {
	id: number;
	name: string;
	description: string | null;
	quantity: string;
	price: string;
	total: string;
	taxable: boolean;
};

export type NoteRecord = {
	id: number;
	note: string;
	public: boolean;
	noteable_id: number;
	noteable_type: 'Customer' | 'Job';
	created_at: string;
	updated_at: string;
	creator?: EmployeeRecord | null;
};

export type PaymentRecord = {
	id: number;
	date: string;
	amount: string;
	payment_type: string | null;
	ref_number: string | null;
	notes: string | null;
	txn_id: string | null;
	status: string;
	payment_application_ids: number[];
	created_at: string;
	updated_at: string;
	customer: CustomerRef;
};

export type JobRecord = {
	id: number;
	job_number: number;
	customer_id: number;
	name: string | null;
	description: string | null;
	status: JobStatus;
	job_type_id: number;
	job_status_id: number | null;
	po_number: string | null;
	scheduled_on: string | null;
	ends_at: string | null;
	duration: number | null;
	completed_on: string | null;
	subtotal: string;
	tax: string;
	total: string;
	balance_remaining: string;
	invoice_status: 'paid' | 'unpaid';
	invoice_paid_on: string | null;
	employee_ids: number[];
	created_at: string;
	updated_at: string;
	payments?: PaymentRecord[];
	job_charges?: JobChargeRecord[];
	customer?: CustomerRecord;
	notes?: NoteRecord[];
	job_type?: JobTypeRecord | null;
};

export type ItemRecord = {
	id: number;
	name: string;
	description: string | null;
	/** `service` or `part` [inf] */
	item_type: string;
	price: string;
	cost: string | null;
	sku: string | null;
	taxable: boolean;
	active: boolean;
};

/** A charge as `/jobs/{n}/job_charges.json` sends it. */
export type JobChargeFullRecord = {
	id: number;
	job_id: number;
	description: string;
	details: string | null;
	quantity: string;
	price_per_unit: string;
	discount: string;
	total: string;
	taxable: boolean;
	item_id: number | null;
	item: ItemRecord | null;
	job_charge_type_id: number;
	tax_id: number | null;
	sales_tax_code_id: number | null;
	sort_order: number;
	created_on: string;
	updated_at: string;
	deleted_at: string | null;
};

export type TaskRecord = {
	id: number;
	name: string;
	description: string | null;
	job_id: number | null;
	employee_ids: number[];
	starts_at: string | null;
	ends_at: string | null;
	completed: boolean;
	completed_at: string | null;
	created_at: string;
	updated_at: string;
};

export type TimeEntryRecord = {
	id: number;
	job_id: number;
	employee_id: number;
	started_at: string;
	ended_at: string;
	/** decimal hours, '2.50' */
	hours: string;
	notes: string | null;
	billable: boolean;
	created_at: string;
	updated_at: string;
};

export type InvoiceRecord = {
	id: number;
	job_number: number;
	customer_id: number;
	customer_name: string;
	name: string | null;
	status: string;
	invoice_status: 'paid' | 'unpaid';
	invoice_date: string;
	invoice_sent_date: string | null;
	invoice_viewed_on: string | null;
	invoice_paid_on: string | null;
	invoice_terms: string | null;
	invoice_notes: string | null;
	subtotal: string;
	tax: string;
	total: string;
	balance_remaining: string;
	created_at: string;
	updated_at: string;
};
