/** Any unknown path renders the 404 page through the root error boundary. */
export async function loader() {
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return null;
}
