// Being written: replaced by the feature's page.
export default function Page() {
  return null;
}
