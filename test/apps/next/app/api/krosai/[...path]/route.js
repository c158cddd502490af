import { createKrosaiHandler } from 'krosai-conversation/server';

const krosai = createKrosaiHandler(() => ({
  apiKey: process.env.KROSAI_API_KEY,
  agents: ['YOUR_AGENT_ID'],
  secret: process.env.KROSAI_ROUTE_SECRET,
}));
export const GET = krosai;
export const POST = krosai;
