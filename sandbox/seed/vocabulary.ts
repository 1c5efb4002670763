/** Word lists for realistic seeded data. Invented companies on reserved-looking domains; no real people. */

export const FIRST_NAMES = [
	'Aarav', 'Abigail', 'Adrien', 'Aisha', 'Alejandro', 'Amara', 'Anders', 'Ananya', 'Beatriz', 'Benjamin',
	'Camille', 'Carlos', 'Chen', 'Chloe', 'Daniel', 'Dmitri', 'Elena', 'Emeka', 'Emma', 'Farah',
	'Felix', 'Grace', 'Hana', 'Hugo', 'Ibrahim', 'Ines', 'Isabel', 'Jakob', 'James', 'Jin',
	'Julia', 'Kavya', 'Kenji', 'Lars', 'Leila', 'Liam', 'Lucia', 'Malik', 'Marta', 'Mateo',
	'Mei', 'Mohammed', 'Nadia', 'Noah', 'Olivia', 'Omar', 'Priya', 'Rafael', 'Rosa', 'Sakura',
	'Samuel', 'Sofia', 'Tariq', 'Thea', 'Tomas', 'Valentina', 'Victor', 'Yara', 'Yusuf', 'Zoe',
] as const;

export const LAST_NAMES = [
	'Abbott', 'Adeyemi', 'Andersen', 'Bauer', 'Becker', 'Bianchi', 'Brown', 'Carvalho', 'Chen', 'Costa',
	'Dubois', 'Duarte', 'Eriksson', 'Fernandez', 'Fischer', 'Garcia', 'Gupta', 'Hansen', 'Hoffmann', 'Ito',
	'Jansen', 'Johnson', 'Kapoor', 'Kim', 'Kowalski', 'Laurent', 'Lee', 'Lopez', 'Martin', 'Meyer',
	'Moreau', 'Muller', 'Nakamura', 'Nguyen', 'Novak', "O'Brien", 'Okafor', 'Olsen', 'Patel', 'Petrov',
	'Popescu', 'Ramos', 'Rossi', 'Santos', 'Schmidt', 'Silva', 'Singh', 'Smith', 'Sorensen', 'Suzuki',
	'Tanaka', 'Thomas', 'van Dijk', 'Verma', 'Wagner', 'Wang', 'Weber', 'Williams', 'Yilmaz', 'Zhang',
] as const;

export const COMPANIES = [
	{ name: 'Acme Analytics', domain: 'acme-analytics.example' },
	{ name: 'Brightpath Labs', domain: 'brightpath.example' },
	{ name: 'Cobalt Cloud', domain: 'cobaltcloud.example' },
	{ name: 'Driftwood Digital', domain: 'driftwood.example' },
	{ name: 'Evergreen Health', domain: 'evergreenhealth.example' },
	{ name: 'Foxglove Finance', domain: 'foxglove.example' },
	{ name: 'Granite Logistics', domain: 'granite-logistics.example' },
	{ name: 'Harbor & Co', domain: 'harborco.example' },
	{ name: 'Ironclad Security', domain: 'ironclad.example' },
	{ name: 'Juniper Retail', domain: 'juniper-retail.example' },
	{ name: 'Kestrel Robotics', domain: 'kestrel.example' },
	{ name: 'Lumen Education', domain: 'lumen-edu.example' },
	{ name: 'Meridian Travel', domain: 'meridian.example' },
	{ name: 'Northwind Traders', domain: 'northwind.example' },
	{ name: 'Orchid Media', domain: 'orchidmedia.example' },
	{ name: 'Pinnacle Legal', domain: 'pinnacle-legal.example' },
	{ name: 'Quartz Manufacturing', domain: 'quartzmfg.example' },
	{ name: 'Riverbend Energy', domain: 'riverbend.example' },
	{ name: 'Summit SaaS', domain: 'summitsaas.example' },
	{ name: 'Tidewater Foods', domain: 'tidewater.example' },
	{ name: 'Umbra Design Studio', domain: 'umbra.example' },
	{ name: 'Vantage Consulting', domain: 'vantage.example' },
	{ name: 'Willow Real Estate', domain: 'willow-re.example' },
	{ name: 'Zenith Biotech', domain: 'zenithbio.example' },
] as const;

/** Some people write from a personal mailbox and have no company on record. */
export const PERSONAL_DOMAINS = ['example.com', 'example.org', 'mail.example.net'] as const;

export const JOB_TITLES = [
	'CEO', 'CTO', 'COO', 'Founder', 'Co-founder', 'VP of Sales', 'VP of Marketing', 'Head of Growth',
	'Marketing Manager', 'Sales Director', 'Account Executive', 'Business Development Manager',
	'Operations Manager', 'Product Manager', 'Engineering Manager', 'HR Director', 'Procurement Lead',
	'Customer Success Manager', 'Partnerships Lead', 'Office Manager',
] as const;

export const INDUSTRIES = ['SaaS', 'E-commerce', 'Healthcare', 'Finance', 'Logistics', 'Education', 'Real estate', 'Manufacturing', 'Media', 'Legal'] as const;

export const LEAD_SOURCES = ['website', 'webinar', 'referral', 'linkedin', 'trade show', 'cold list'] as const;

export const GROUP_NAMES = [
	{ name: 'Newsletter subscribers', description: 'Signed up through the website footer' },
	{ name: 'SaaS founders', description: 'Founders and C-level at software companies' },
	{ name: 'Webinar attendees', description: 'Joined one of the monthly webinars' },
	{ name: 'Agency partners', description: null },
	{ name: 'Trade show leads', description: 'Badge scans from the spring trade show' },
	{ name: 'Churned customers', description: 'Win-back candidates' },
] as const;

export const CAMPAIGN_NAMES = [
	'Q3 founder outreach',
	'Webinar follow-up',
	'Spring trade show leads',
	'Partner programme launch',
	'Win-back: churned customers',
	'Product Hunt launch announcement',
	'Case study: Northwind',
	'Holiday promotion',
] as const;

export const STEP_TEMPLATES = [
	{ subject: 'Quick question, {{firstName}}', body: 'Hi {{firstName}},\n\nI noticed {{company}} is growing fast. Would a 15-minute call next week make sense?\n\nBest,\nAlex' },
	{ subject: 'Re: Quick question, {{firstName}}', body: 'Hi {{firstName}}, just bumping this up in case it got buried. Happy to send a short overview instead.' },
	{ subject: 'Closing the loop', body: "Hi {{firstName}}, I'll assume the timing isn't right. If that changes, reply to this email and I'll get back to you." },
] as const;

export const EMAIL_ACCOUNT_IDS = ['acc_demo_sales', 'acc_demo_founder'] as const;
